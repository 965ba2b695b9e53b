import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AnonymousThrottlerGuard } from './anonymous-throttler.guard';
import { SessionController } from './session.controller';

/** Who may call what: the access guard on every route, the rate limit on the public ones, sign-in for the web. */
@Module({
  imports: [
    UsersModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'anonymous', limit: config.throttle.limit, ttl: config.throttle.ttlSeconds * 1000 }],
      }),
    }),
  ],
  controllers: [SessionController],
  // Global guards run in this order: count the request first, so bad tokens on public routes are counted too.
  providers: [
    { provide: APP_GUARD, useClass: AnonymousThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
