import type { Page } from 'playwright-core';

/**
 * Waits until every open Material dialog has finished opening and has moved focus inside
 * itself. The dialog focuses its first field only once its open animation ends; on a loaded
 * machine that can land in the middle of a test's `fill` of a later field, and the text then
 * goes into the first one. Call this after opening a dialog and before typing into it.
 */
export async function dialogOpened(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const dialogs = Array.from(document.querySelectorAll('.mat-mdc-dialog-container'));
    return (
      dialogs.length > 0 &&
      dialogs.every(
        (d) =>
          d.classList.contains('mdc-dialog--open') && !d.classList.contains('mdc-dialog--opening'),
      ) &&
      dialogs.some((d) => d.contains(document.activeElement))
    );
  });
}
