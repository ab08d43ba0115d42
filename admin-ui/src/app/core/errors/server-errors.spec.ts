import { FormControl, FormGroup } from '@angular/forms';
import type { Problem } from './problem';
import { applyServerErrors, serverError } from './server-errors';

const problem = (errors: { path: string; message: string }[]): Problem => ({
  type: 'https://tasktrackr.dev/problems/validation-error',
  title: 'Your request is not valid',
  status: 400,
  detail: `${errors.length} field failed validation`,
  errors,
});

describe('applyServerErrors', () => {
  it('puts each message on its control, marks it touched, and returns the rest', () => {
    const form = new FormGroup({
      email: new FormControl('ann@example.com'),
      password: new FormControl('password123456'),
    });
    const rest = applyServerErrors(
      form.controls,
      problem([
        { path: 'password', message: 'password is too common' },
        { path: 'nickname', message: 'nickname is not allowed' },
      ]),
    );
    expect(serverError(form.controls.password)).toBe('password is too common');
    expect(form.controls.password.touched).toBe(true);
    expect(form.controls.password.invalid).toBe(true);
    expect(serverError(form.controls.email)).toBeNull();
    expect(rest).toEqual(['nickname is not allowed']);
  });

  it('maps nested paths to their root control and follows aliases', () => {
    const form = new FormGroup({
      roles: new FormGroup({ admin: new FormControl(false) }),
      expiry: new FormControl('custom'),
    });
    applyServerErrors(
      form.controls,
      problem([
        { path: 'roles.0', message: 'each value in roles must be one of …' },
        { path: 'expiresAt', message: 'expiresAt must be in the future' },
      ]),
      { expiresAt: 'expiry' },
    );
    expect(serverError(form.controls.roles)).toBe('each value in roles must be one of …');
    expect(serverError(form.controls.expiry)).toBe('expiresAt must be in the future');
  });

  it('clears the server message once the person edits the field', () => {
    const control = new FormControl('weak');
    applyServerErrors({ password: control }, problem([{ path: 'password', message: 'too weak' }]));
    control.setValue('a much stronger passphrase');
    expect(serverError(control)).toBeNull();
    expect(control.valid).toBe(true);
  });
});
