import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/api/config/app-config';
import { dataSourceOptions } from '@app/api/database/data-source-options';
import { UsersModule } from '@app/api/users/users.module';
import { CreateUserCommand, ListUsersCommand, RevokeUserCommand, UsersCommand } from './users.command';

/**
 * The CLI's database commands as a Nest application: the API's UsersModule on the API's database options
 * (migrations run on connecting, as at the service's start-up). No HTTP, no screening runner.
 */
@Module({})
export class AdminModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config), logging: false }), UsersModule],
      providers: [UsersCommand, CreateUserCommand, RevokeUserCommand, ListUsersCommand],
    };
  }
}
