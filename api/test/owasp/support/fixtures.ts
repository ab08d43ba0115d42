/**
 * argon2id at the lowest cost the config accepts (8 MiB, one pass), for specs whose subject is
 * not password hashing: they create many users, and each costs a hash and a verification.
 * API2 and API4 keep the production parameters where hashing is what they test.
 */
export const FAST_HASHING = {
  PASSWORD_HASH_MEMORY_KIB: '8192',
  PASSWORD_HASH_TIME_COST: '1',
} as const;
