import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Where the rate-limit counters live. With REDIS_URL: in Redis, under REDIS_PREFIX, so every API instance of the
 * deployment counts against the same limits (one Lua script per hit: atomic across instances). Without it: undefined,
 * i.e. the throttler's own in-memory storage (one process, as for `npm start`).
 */
export function throttlerStorage(config: AppConfig): ThrottlerStorage | undefined {
  return config.redis ? new SharedThrottlerStorage(config.redis.url, config.redis.prefix) : undefined;
}

/**
 * Redis-backed counts that degrade instead of failing: while Redis cannot be reached, each process counts in memory
 * (the limits still hold, per instance) and says so once in the log, so a Redis outage never turns every request —
 * /health included — into a 500. Commands are not queued while disconnected: a hit falls back at once.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly client: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(url: string, prefix: string) {
    this.client = new Redis(url, {
      keyPrefix: `${prefix}throttle:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.client.on('error', (e: Error) => this.degrade(e));
    this.client.on('ready', () => {
      if (this.degraded) this.logger.log('Redis is back: rate limits are shared again');
      this.degraded = false;
    });
    this.shared = new ThrottlerStorageRedisService(this.client);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.client.status === 'ready') {
      try {
        return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch (e) {
        this.degrade(e as Error);
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.client.disconnect(false);
  }

  private degrade(e: Error): void {
    if (!this.degraded)
      this.logger.warn(`Redis unreachable (${e.message}): rate limits are counted per instance until it is back`);
    this.degraded = true;
  }
}
