const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.!?@#%+=';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/** A uniformly random index below `max` (rejection sampling: no modulo bias). */
export function randomIndex(max: number, random: (buffer: Uint32Array) => Uint32Array): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    const value = random(buffer)[0] ?? 0;
    if (value < limit) return value % max;
  }
}

/**
 * A strong initial password for an admin to hand over: `length` characters from an alphabet
 * without look-alikes (no 0/O, 1/l/I), with at least one lower case letter, upper case letter,
 * digit and symbol, from the browser's CSPRNG. 20 characters give over 120 bits.
 */
export function generatePassword(
  length = 20,
  random: (buffer: Uint32Array) => Uint32Array = (buffer) => crypto.getRandomValues(buffer),
): string {
  if (length < 12) throw new RangeError('Passwords must be at least 12 characters long.');
  const pick = (alphabet: string) => alphabet[randomIndex(alphabet.length, random)] ?? '';
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(ALL));
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
