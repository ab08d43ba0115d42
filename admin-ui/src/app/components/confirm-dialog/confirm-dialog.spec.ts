import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ProblemError } from '../../core/errors/problem';
import { confirmAction } from './confirm-dialog';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function buttons(): HTMLButtonElement[] {
  return Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button'));
}

function button(name: string): HTMLButtonElement {
  const found = buttons().find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

describe('confirmAction', () => {
  let dialog: MatDialog;
  beforeEach(() => {
    dialog = TestBed.inject(MatDialog);
  });
  afterEach(() => dialog.closeAll());

  it('resolves false on cancel without running the action', async () => {
    let ran = false;
    const result = confirmAction(dialog, {
      title: 'Disable Ann?',
      message: 'She is signed out everywhere.',
      confirmText: 'Disable',
      action: async () => {
        ran = true;
      },
    });
    await sleep(0);
    TestBed.tick();
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain(
      'She is signed out everywhere.',
    );
    button('Cancel').click();
    await expect(result).resolves.toBe(false);
    expect(ran).toBe(false);
  });

  it("stays open with the API's detail when the action fails, and closes once it succeeds", async () => {
    let attempts = 0;
    const result = confirmAction(dialog, {
      title: 'Disable Ann?',
      message: ['One.', 'Two.'],
      confirmText: 'Disable',
      destructive: true,
      action: async () => {
        attempts++;
        if (attempts === 1) {
          throw new ProblemError({
            type: 'https://tasktrackr.dev/problems/last-admin',
            title: 'Cannot remove the last admin',
            status: 409,
            detail: 'At least one enabled admin must remain.',
          });
        }
      },
    });
    await sleep(0);
    TestBed.tick();
    button('Disable').click();
    await sleep(0);
    TestBed.tick();
    const error = document.querySelector('[data-testid="confirm-error"]');
    expect(error?.textContent).toContain('At least one enabled admin must remain.');
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();

    button('Disable').click();
    await expect(result).resolves.toBe(true);
    expect(attempts).toBe(2);
  });
});
