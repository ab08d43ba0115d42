import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; this only bounds the work one request can cause. */
export const PASSWORD_MAX_LENGTH = 256;
/**
 * A password presented to be checked (sign-in, the current password): bounded so one request
 * cannot make argon2 read megabytes, and loose enough for any password set under older rules.
 */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;

/**
 * Why a password is refused, or `null` when it is acceptable (ASVS V6: length over
 * composition rules, no common passwords, not the account name).
 */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  }
  const lowered = password.toLowerCase();
  const normalizedEmail = email.trim().toLowerCase();
  if (lowered === normalizedEmail || lowered === normalizedEmail.split('@')[0]) {
    return 'password must not be the email address';
  }
  if (COMMON_PASSWORDS.has(lowered)) return 'password is too common; choose another';
  return null;
}
