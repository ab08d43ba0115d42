/** The API's origin: the app is served by the API itself (same origin, so the cookie works). */
export function apiBaseUrl(): string {
  return globalThis.location.origin;
}
