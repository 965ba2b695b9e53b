import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { loadConfig } from '@app/api/config/app-config';
import { AdminModule } from './admin.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Runs a database command (`users …`) inside a Nest application context (nest-commander). Loaded only for those
 * commands: Nest, TypeORM and the API's modules cost ~0.5 s that `screen`, `match` and `rules` do not pay.
 * Nest's own start-up lines stay quiet (at most warnings) so the command's output is what stdout carries.
 */
export async function runAdminCommand(): Promise<void> {
  const config = loadConfig();
  const quietest = Math.min(LEVELS.indexOf(config.logLevel), LEVELS.indexOf('warn'));
  await CommandFactory.run(AdminModule.register(config), {
    logger: LEVELS.slice(0, quietest + 1),
    cliName: 'gd-policy-match',
    serviceErrorHandler: (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  });
}
