import "server-only";
// Tokens per minute, shared by every worker of a provider: continuous-refill
// buckets in Redis, taken all-or-nothing by one Lua script (Redis's clock, so
// workers on different machines agree). A request takes its estimate (input
// + max output) up front; the usage its response reports settles the
// difference, and a provider's "remaining tokens" header lowers the bucket
// when the provider knows better (e.g. another client shares the key).
import { config } from "@/lib/config";
import { redis } from "@/lib/queue/connection";

export type Bucket = { name: string; perMinute: number; cost: number };

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = #KEYS
local level = {}
local wait = 0
for i = 1, n do
  local cap = tonumber(ARGV[(i - 1) * 2 + 1])
  local cost = math.min(cap, tonumber(ARGV[(i - 1) * 2 + 2]))
  local rate = cap / 60000
  local v = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local tokens = tonumber(v[1]) or cap
  local ts = tonumber(v[2]) or now
  tokens = math.min(cap, tokens + (now - ts) * rate)
  level[i] = tokens
  if tokens < cost then wait = math.max(wait, math.ceil((cost - tokens) / rate)) end
end
for i = 1, n do
  local cost = math.min(tonumber(ARGV[(i - 1) * 2 + 1]), tonumber(ARGV[(i - 1) * 2 + 2]))
  local tokens = level[i]
  if wait == 0 then tokens = tokens - cost end
  redis.call('HSET', KEYS[i], 'tokens', tokens, 'ts', now)
  redis.call('PEXPIRE', KEYS[i], 120000)
end
return wait`;

const ADJUST = `
local cap = tonumber(ARGV[1])
local v = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
if not v then return 0 end
local nv = math.min(cap, v + tonumber(ARGV[2]))
if ARGV[3] ~= '' then nv = math.min(nv, tonumber(ARGV[3])) end
redis.call('HSET', KEYS[1], 'tokens', nv)
return 0`;

const key = (providerId: number, name: string) => `${config().queuePrefix}:tpm:${providerId}:${name}`;

/** 0 when every bucket had room (and was charged), else ms until they would. */
export async function takeTokens(providerId: number, buckets: Bucket[]): Promise<number> {
  if (buckets.length === 0) return 0;
  const args = buckets.flatMap((b) => [b.perMinute, Math.ceil(b.cost)]);
  return Number(await redis().eval(TAKE, buckets.length, ...buckets.map((b) => key(providerId, b.name)), ...args));
}

/** Give back (or charge) the difference between estimate and actual use; optionally cap at what the provider reports. */
export async function settleTokens(providerId: number, bucket: Bucket, delta: number, providerRemaining: number | null): Promise<void> {
  await redis().eval(ADJUST, 1, key(providerId, bucket.name), bucket.perMinute, Math.round(delta), providerRemaining === null ? "" : providerRemaining);
}
