import type Redis from 'ioredis';

/**
 * One Redis call that leases hits from a fixed window of `limit` per `ttl` ms. The window's
 * counter holds hits handed out (used or leased), so all replicas together never get more than
 * `limit` per window. The grant shrinks with what is left (an 8th of the rest, at most `maxLease`,
 * at least 1), so hits leased but never used stay few as the budget runs out. With nothing left
 * it blocks the key for `blockDuration` ms, as the per-request store did.
 *
 * Returns [counter after the grant, window ms left, blocked 0/1, block ms left, granted, fresh
 * window 0/1]. `fresh` tells the caller that any hits it still holds came from an older window.
 */
const LEASE_LUA = `
local hitKey = KEYS[1]
local blockKey = KEYS[2]
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])
local maxLease = tonumber(ARGV[4])

local blockLeft = redis.call('PTTL', blockKey)
local used = tonumber(redis.call('GET', hitKey) or '0')
local windowLeft = redis.call('PTTL', hitKey)
if windowLeft < 0 then
  used = 0
  windowLeft = ttl
end
if blockLeft > 0 then
  return { used, windowLeft, 1, blockLeft, 0, 0 }
end
local rest = limit - used
if rest <= 0 then
  redis.call('SET', blockKey, 1, 'PX', blockDuration)
  return { used, windowLeft, 1, blockDuration, 0, 0 }
end
local grant = math.max(1, math.min(maxLease, math.floor(rest / 8)))
local fresh = 0
if used == 0 then
  redis.call('SET', hitKey, grant, 'PX', ttl)
  fresh = 1
else
  redis.call('INCRBY', hitKey, grant)
end
return { used + grant, windowLeft, 0, 0, grant, fresh }
`;

export interface LeaseReply {
  counter: number;
  windowLeftMs: number;
  blocked: boolean;
  blockLeftMs: number;
  granted: number;
  fresh: boolean;
}

type LeaseCommand = (
  hitKey: string,
  blockKey: string,
  ttl: number,
  limit: number,
  blockDuration: number,
  maxLease: number,
) => Promise<unknown>;

const COMMAND = 'ttThrottleLease';

/** Sends the lease script by its SHA (ioredis loads it on the first NOSCRIPT), not its source. */
export function leaseCommand(redis: Redis): LeaseCommand {
  const commands = redis as unknown as Record<string, LeaseCommand | undefined>;
  if (!commands[COMMAND]) redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: LEASE_LUA });
  const command = commands[COMMAND] as LeaseCommand;
  return command.bind(redis);
}

export function parseLeaseReply(reply: unknown): LeaseReply {
  if (!Array.isArray(reply) || reply.length !== 6 || reply.some((v) => typeof v !== 'number')) {
    throw new TypeError(`Unexpected throttle lease reply: ${JSON.stringify(reply)}`);
  }
  const [counter, windowLeftMs, blocked, blockLeftMs, granted, fresh] = reply as number[];
  return {
    counter,
    windowLeftMs,
    blocked: blocked === 1,
    blockLeftMs,
    granted,
    fresh: fresh === 1,
  };
}
