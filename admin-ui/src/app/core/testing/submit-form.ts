import type { ComponentFixture } from '@angular/core/testing';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Clicks the fixture's submit button and waits for what it starts: the request, then the
 * rendering of its answer (two turns, since the answer arrives as a fetch promise).
 */
export async function submitForm(fixture: ComponentFixture<unknown>): Promise<void> {
  const root = fixture.nativeElement as HTMLElement;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  await tick();
  await fixture.whenStable();
  await tick();
  await fixture.whenStable();
}
