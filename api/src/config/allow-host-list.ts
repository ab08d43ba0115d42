import ipaddr from 'ipaddr.js';

/**
 * Why `item` cannot stand in `OUTBOUND_ALLOW_HOSTS`, or null when it can: anything with a `/`
 * must be a CIDR block; any other entry is an IP or a hostname. Only the syntax is checked
 * here, at start-up; the outbound client parses the list into its own rules.
 */
export function allowHostProblem(item: string): string | null {
  const text = item.trim().toLowerCase();
  if (text.includes('/') && !ipaddr.isValidCIDR(text)) return `"${item}" is not a valid CIDR block`;
  return null;
}
