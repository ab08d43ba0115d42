/**
 * Delay before the next attempt after `attempts` failures in a row: exponential from `baseMs`,
 * capped at `maxMs`, with "equal jitter" (half fixed, half random) so streams failing together
 * do not retry in lockstep. Streams retry for ever: the log must not skip events.
 */
export function retryDelayMs(
  attempts: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
