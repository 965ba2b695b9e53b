import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';

/**
 * Where the rate-limit counters live. With REDIS_URL: in Redis, under REDIS_PREFIX, so every API instance of the
 * deployment counts against the same limits (the counting is one Lua script per hit: atomic across instances).
 * Without it: undefined, i.e. the throttler's own in-memory storage (one process, as for `npm start`).
 * The Redis client is closed with the application (the storage's onModuleDestroy).
 */
export function throttlerStorage(config: AppConfig): ThrottlerStorage | undefined {
  if (!config.redis) return undefined;
  return new ThrottlerStorageRedisService(config.redis.url, {
    keyPrefix: `${config.redis.prefix}throttle:`,
    // A request waits at most a few retries for Redis, then fails (500, logged) instead of hanging.
    maxRetriesPerRequest: 3,
  });
}
