import * as argon2 from 'argon2';

/** argon2id cost parameters; defaults are OWASP's (m = 19 MiB, t = 2, p = 1). */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export function argon2Options(params: Argon2Params) {
  return { type: argon2.argon2id, ...params } as const;
}

/**
 * Whether a stored hash was made with other parameters (or another variant) than `params`,
 * read from its PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), so it is re-hashed at the next
 * sign-in. An unparsable hash also counts as outdated.
 */
export function hashNeedsUpgrade(hash: string, params: Argon2Params): boolean {
  const match = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
  if (!match) return true;
  const [, version, m, t, p] = match.map(Number);
  return (
    version !== 19 || m !== params.memoryCost || t !== params.timeCost || p !== params.parallelism
  );
}
