/** The one form an email address is stored, looked up and compared in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
