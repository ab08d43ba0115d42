/** Words that differ between the screens that send data out (audit streams, webhooks). */
export interface RefusalWording {
  /** What the receiver is, in "If your … is internal", e.g. `SIEM`. */
  receiver: string;
  /** What leaves the server, e.g. `Audit events`. */
  payload: string;
  /** What to do instead of putting a user name and password in the URL. */
  credentials: string;
}

/**
 * Why the server's outbound guard refused a URL, in words for the person who typed it. The
 * server's own message (on the field) says what is wrong; this says why the rule exists and
 * what can be done (docs/webhooks.md, "SSRF rules"). Null when there is nothing to add.
 */
export function urlRefusalHelp(message: string, wording: RefusalWording): string | null {
  if (/only public addresses/i.test(message)) {
    return (
      'To protect internal systems from server-side request forgery (SSRF), the server only ' +
      'calls public addresses: private, loopback and link-local ones (10.x, 192.168.x, ' +
      '127.0.0.1, the cloud metadata address 169.254.169.254…) are refused. If your ' +
      `${wording.receiver} is internal, an operator can allow its host in OUTBOUND_ALLOW_HOSTS.`
    );
  }
  if (/must use https(?! or)/i.test(message)) {
    return (
      `${wording.payload} leave the server only over https, so they cannot be read or changed ` +
      'on the way. Plain http needs OUTBOUND_ALLOW_HTTP=true on the server (for tests only).'
    );
  }
  if (/user name or password/i.test(message)) return wording.credentials;
  return null;
}
