import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { CredentialThrottle } from './credential-throttle';
import { SessionEntity } from './entities/session.entity';
import { RateLimitGuard, throttlers } from './rate-limit.guard';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';
import { throttlerStorage } from './throttler-storage';

/**
 * Who may call what: the access guard on every route, then the rate limits (per address on public routes, per user
 * and per address behind a token, token checks per claimed user id), and the web sessions.
 */
@Module({
  imports: [
    UsersModule,
    TypeOrmModule.forFeature([SessionEntity]),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ throttlers: throttlers(config), storage: throttlerStorage(config) }),
    }),
  ],
  controllers: [SessionController],
  // Global guards run in this order: the user is known (and bad tokens counted) before the per-user limit applies.
  providers: [
    SessionsService,
    CredentialThrottle,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [SessionsService, CredentialThrottle],
})
export class AuthModule {}
