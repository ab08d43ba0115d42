import { lookup } from 'node:dns/promises';
import {
  forbiddenRangeOf,
  ipLiteralOf,
  isHostAllowListed,
  type AllowEntry,
} from './address-policy';
import { OutboundRefusedError } from './outbound-errors';

/** The rules every outbound call obeys (from `OUTBOUND_ALLOW_HOSTS` / `OUTBOUND_ALLOW_HTTP`). */
export interface OutboundPolicy {
  allow: readonly AllowEntry[];
  allowHttp: boolean;
}

/** The most we accept in a URL, so a stored URL stays a reasonable size. */
export const OUTBOUND_URL_MAX_LENGTH = 2048;

/**
 * The checks that need no DNS (subscribe time and send time): a parseable absolute URL,
 * https (http only when allowed), no user:password, and an IP literal must be allowed.
 */
export function checkUrlShape(text: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundRefusedError('invalid-url', 'must be an absolute URL');
  }
  if (text.length > OUTBOUND_URL_MAX_LENGTH) {
    throw new OutboundRefusedError(
      'invalid-url',
      `must be at most ${OUTBOUND_URL_MAX_LENGTH} characters`,
    );
  }
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new OutboundRefusedError(
      'scheme-not-allowed',
      policy.allowHttp ? 'must use https or http' : 'must use https',
    );
  }
  if (url.username || url.password) {
    throw new OutboundRefusedError('credentials-in-url', 'must not carry a user name or password');
  }
  const literal = ipLiteralOf(url.hostname);
  if (literal && !isHostAllowListed(url.hostname, policy.allow)) {
    refuseForbidden(literal, policy);
  }
  return url;
}

function refuseForbidden(ip: string, policy: OutboundPolicy): void {
  const range = forbiddenRangeOf(ip, policy.allow);
  if (range) {
    throw new OutboundRefusedError(
      'address-not-allowed',
      `resolves to ${ip}, a ${range} address; only public addresses may be called`,
    );
  }
}

/** One address a request will connect to, checked against the policy. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host (every address) and refuses if any one is forbidden, so a name
 * mixing public and private answers cannot slip through; returns the address to pin.
 */
export async function resolveAllowedAddress(
  url: URL,
  policy: OutboundPolicy,
): Promise<PinnedAddress> {
  const literal = ipLiteralOf(url.hostname);
  const hostListed = isHostAllowListed(url.hostname, policy.allow);
  if (literal) {
    if (!hostListed) refuseForbidden(literal, policy);
    return { address: literal, family: literal.includes(':') ? 6 : 4 };
  }
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(url.hostname, { all: true, verbatim: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OutboundRefusedError('dns-failed', `host ${url.hostname} did not resolve (${code})`);
  }
  if (answers.length === 0) {
    throw new OutboundRefusedError('dns-failed', `host ${url.hostname} did not resolve`);
  }
  if (!hostListed) for (const answer of answers) refuseForbidden(answer.address, policy);
  return { address: answers[0].address, family: answers[0].family === 6 ? 6 : 4 };
}
