import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { RulePacksModule } from '../rule-packs/rule-packs.module';
import { ScenarioRunEntity } from './entities/scenario-run.entity';
import { ScenarioEntity } from './entities/scenario.entity';
import { SandboxPopulationsController } from './sandbox-populations.controller';
import { SandboxController } from './sandbox.controller';
import { ScenarioRunsService } from './scenario-runs.service';
import { ScenariosService } from './scenarios.service';

/**
 * The policy sandbox: scenarios over stored packs, run over a population to see who gains and who loses. Uploaded
 * population files go to a temporary folder (random names) and are removed when their run ends.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ScenarioEntity, ScenarioRunEntity]),
    RulePacksModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const dest = path.join(os.tmpdir(), 'gdpm-sandbox-uploads');
        fs.mkdirSync(dest, { recursive: true });
        return { dest, limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 5 }, defParamCharset: 'utf8' };
      },
    }),
  ],
  controllers: [SandboxController, SandboxPopulationsController],
  providers: [ScenariosService, ScenarioRunsService],
})
export class SandboxModule {}
