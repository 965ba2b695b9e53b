import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { RulePack } from '@app/engine';
import { AppConfig, loadConfig } from '@app/api/config/app-config';
import { dataSourceOptions } from '@app/api/database/data-source-options';
import { RulePackModule } from '@app/api/rule-pack/rule-pack.module';
import { RulePacksModule } from '@app/api/rule-packs/rule-packs.module';
import { RulePacksService } from '@app/api/rule-packs/rule-packs.service';

/** The API's stored-packs feature on the API's database options, as a Nest application context (no HTTP). */
@Module({})
class StoredPacksModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: StoredPacksModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), logging: false }),
        RulePackModule,
        RulePacksModule,
      ],
    };
  }
}

/**
 * A pack the service has stored, by version or unambiguous prefix, read from the same database as the service
 * (SQLITE_PATH or DATABASE_URL) inside a Nest application context, like the other database commands.
 * Throws the store's RulePackRefError when the reference names none or several.
 */
export async function storedPack(ref: string): Promise<RulePack> {
  const app = await NestFactory.createApplicationContext(StoredPacksModule.register(loadConfig()), {
    logger: ['error'],
  });
  try {
    return await app.get(RulePacksService).store.get(ref);
  } finally {
    await app.close();
  }
}
