import type { ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';

/** Without REDIS_URL: undefined, i.e. the throttler's own in-memory storage (one process). */
export function throttlerStorage(_config: AppConfig): ThrottlerStorage | undefined {
  return undefined;
}
