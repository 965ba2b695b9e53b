import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { AppConfig, APP_CONFIG } from './config/app-config';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { dataSourceOptions } from './database/data-source-options';
import { DocumentsModule } from './documents/documents.module';
import { HealthController } from './health/health.controller';
import { MatchModule } from './match/match.module';
import { MeasuresModule } from './measures/measures.module';
import { ReviewsModule } from './reviews/reviews.module';
import { RulePackModule } from './rule-pack/rule-pack.module';
import { RulePacksModule } from './rule-packs/rule-packs.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { ScreeningRetentionModule } from './screening-retention/screening-retention.module';
import { ScreeningsModule } from './screenings/screenings.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { UsersModule } from './users/users.module';

/** The service. Built from an already validated config, so tests can run several apps side by side. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] }),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        RulePackModule,
        MatchModule,
        MeasuresModule,
        DocumentsModule,
        SubmissionsModule,
        UsersModule,
        AuthModule,
        ReviewsModule,
        ScreeningsModule.register(config),
        ScreeningRetentionModule,
        RulePacksModule,
        SandboxModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}
