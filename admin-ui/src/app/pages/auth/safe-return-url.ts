/**
 * Only same-app paths are followed after login: `//evil.example` or `https://…` in the query
 * string would otherwise make the login page an open redirect.
 */
export function safeReturnUrl(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//')) return '/';
  if (candidate.startsWith('/login') || candidate.startsWith('/register')) return '/';
  return candidate;
}
