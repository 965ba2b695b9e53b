import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Access, ACCESS_KEY } from './access.decorators';

/**
 * Rate-limits exactly the routes a stranger can call (@Public()), per client IP; the limit and window come
 * from THROTTLE_LIMIT / THROTTLE_TTL_SECONDS. Routes behind a token are not counted: they are not open to
 * strangers in the first place.
 */
@Injectable()
export class AnonymousThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return access !== 'public';
  }
}
