/**
 * The part of the SSRF-guarded outbound client (`common/outbound`) the HTTP sinks use: one
 * POST, answered with the status (null when none came) and an error text. The sinks take it as
 * a port so they can be unit-tested against a loopback server without the guard's policy.
 */
export interface HttpPoster {
  /** Throws (with a message safe to show) when the URL may never be called. */
  checkUrl(url: string): void;
  post(input: { url: string; headers: Record<string, string>; body: string }): Promise<{
    ok: boolean;
    status: number | null;
    bodyPrefix: string;
    error: string | null;
  }>;
}
