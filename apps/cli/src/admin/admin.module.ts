import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '@app/api/config/app-config';
import { dataSourceOptions } from '@app/api/database/data-source-options';
import { ScreeningRetentionModule } from '@app/api/screening-retention/screening-retention.module';
import { UsersModule } from '@app/api/users/users.module';
import { PurgeScreeningsCommand, ScreeningsCommand } from './screenings.command';
import { CreateUserCommand, ListUsersCommand, RevokeUserCommand, UsersCommand } from './users.command';

/**
 * The CLI's database commands as a Nest application: the API's UsersModule and ScreeningRetentionModule on the API's
 * database options
 * (migrations run on connecting, as at the service's start-up). No HTTP, no screening runner.
 */
@Module({})
export class AdminModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), logging: false }),
        UsersModule,
        ScreeningRetentionModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        UsersCommand,
        CreateUserCommand,
        RevokeUserCommand,
        ListUsersCommand,
        ScreeningsCommand,
        PurgeScreeningsCommand,
      ],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}
