/** The longest address SMTP carries (RFC 5321's 254 octets): every email field's bound. */
export const EMAIL_MAX_LENGTH = 254;

/** The one form an email address is stored, looked up and compared in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
