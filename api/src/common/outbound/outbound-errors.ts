/** Why a URL may not be called: stable codes for problem details, logs and delivery rows. */
export type OutboundRefusalReason =
  | 'invalid-url'
  | 'scheme-not-allowed'
  | 'credentials-in-url'
  | 'dns-failed'
  | 'address-not-allowed';

/**
 * A URL we refuse to call (SSRF guard). Thrown before any byte is sent; `message` is safe to
 * show to the caller who configured the URL.
 */
export class OutboundRefusedError extends Error {
  constructor(
    readonly reason: OutboundRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}
