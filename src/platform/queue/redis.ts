import IORedis, { Redis, RedisOptions } from 'ioredis';

/** BullMQ workers need `maxRetriesPerRequest: null` (blocking commands must not time out). */
export function createRedis(url: string, purpose: 'client' | 'worker'): Redis {
  const options: RedisOptions = {
    lazyConnect: false,
    enableReadyCheck: true,
    maxRetriesPerRequest: purpose === 'worker' ? null : 3,
    connectionName: `e-muraciet-${purpose}`,
  };
  return new IORedis(url, options);
}
