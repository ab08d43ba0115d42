import { WEBHOOK_LIMITS } from './webhook.constants';

export interface RetrySettings {
  baseMs: number;
  maxAgeMs: number;
}

/**
 * When to try a failed delivery again, or null when it has had its time (then it is
 * exhausted). Exponential: base × 2^(attempts − 1), each delay capped at 6 h, with ±20 %
 * jitter so receivers coming back are not hit by every sender at once; the last try lands at
 * the max age itself.
 */
export function nextAttemptAt(
  createdAt: Date,
  attempts: number,
  now: Date,
  settings: RetrySettings,
  random: () => number = Math.random,
): Date | null {
  const deadline = createdAt.getTime() + settings.maxAgeMs;
  if (now.getTime() >= deadline) return null;
  const exponential = settings.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(exponential, WEBHOOK_LIMITS.retryDelayCapMs) * (0.8 + 0.4 * random());
  return new Date(Math.min(now.getTime() + delay, deadline));
}
