import type { AbstractControl } from '@angular/forms';
import { fieldErrors, type Problem } from './problem';

/**
 * Puts the server's validation messages on the matching form controls (as a `server` error, so
 * `<mat-error>` shows them and the field is marked invalid for screen readers). `aliases` maps
 * a problem path to a control name when they differ. Returns what could not be placed: the
 * caller shows that as the problem's detail.
 */
export function applyServerErrors(
  controls: Readonly<Record<string, AbstractControl>>,
  problem: Problem,
  aliases: Readonly<Record<string, string>> = {},
): string[] {
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors(problem))) {
    const root = path.split('.')[0] ?? path;
    const control = controls[aliases[root] ?? root];
    if (!control) {
      unplaced.push(message);
      continue;
    }
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
  }
  return unplaced;
}

/** The server's message on a control, if any. */
export function serverError(control: AbstractControl): string | null {
  const value: unknown = control.errors?.['server'];
  return typeof value === 'string' ? value : null;
}
