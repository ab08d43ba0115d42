/** Injection token of the shared ioredis client (health, throttler store, pub/sub publishers). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
