import ipaddr from 'ipaddr.js';

/**
 * ipaddr.js `range()` names we never connect to unless allow-listed: everything but public
 * unicast. Covers loopback, link-local (169.254/16 incl. the cloud metadata address, fe80::/10),
 * private (10/8, 172.16/12, 192.168/16), unique-local (fc00::/7), CGNAT (100.64/10),
 * unspecified, multicast, broadcast, reserved, and the IPv6 transition ranges that embed an
 * IPv4 address (6to4, Teredo, NAT64) whose target we cannot vouch for.
 */
const ALLOWED_RANGES = new Set(['unicast']);

/** A parsed `OUTBOUND_ALLOW_HOSTS` entry: a hostname, or an address / CIDR block. */
export type AllowEntry =
  { kind: 'host'; host: string } | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

/** Parses `OUTBOUND_ALLOW_HOSTS` items (hostnames, IPs, CIDRs); throws naming a bad one. */
export function parseAllowList(items: readonly string[]): AllowEntry[] {
  return items.map((item): AllowEntry => {
    const text = item.trim().toLowerCase();
    if (text.includes('/')) {
      try {
        const [address, bits] = ipaddr.parseCIDR(text);
        return { kind: 'cidr', range: [normalize(address), bits] };
      } catch {
        throw new Error(`"${item}" is not a valid CIDR block`);
      }
    }
    if (ipaddr.isValid(stripBrackets(text))) {
      const address = normalize(ipaddr.parse(stripBrackets(text)));
      return { kind: 'cidr', range: [address, address.kind() === 'ipv4' ? 32 : 128] };
    }
    return { kind: 'host', host: text };
  });
}

/** The IPv4 inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), so its rules apply. */
function normalize(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Whether a hostname (as written in the URL) is named by the allow-list. */
export function isHostAllowListed(host: string, allow: readonly AllowEntry[]): boolean {
  const name = stripBrackets(host.toLowerCase());
  return allow.some((entry) => entry.kind === 'host' && entry.host === name);
}

/**
 * Why an address may not be connected to, or `null` when it may: the ipaddr.js range name
 * (`loopback`, `linkLocal`, `private`, …). An allow-listed CIDR wins over the range rules.
 */
export function forbiddenRangeOf(ip: string, allow: readonly AllowEntry[] = []): string | null {
  if (!ipaddr.isValid(ip)) return 'invalid';
  const address = normalize(ipaddr.parse(ip));
  const listed = allow.some(
    (entry) =>
      entry.kind === 'cidr' &&
      entry.range[0].kind() === address.kind() &&
      address.match(entry.range),
  );
  if (listed) return null;
  const range = address.range();
  return ALLOWED_RANGES.has(range) ? null : range;
}

/** Whether the URL host is an IP literal (then no DNS is involved). */
export function ipLiteralOf(host: string): string | null {
  const bare = stripBrackets(host);
  return ipaddr.isValid(bare) ? bare : null;
}
