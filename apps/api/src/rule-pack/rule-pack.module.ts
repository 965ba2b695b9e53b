import { Global, Module } from '@nestjs/common';
import { CpuTurns } from '../common/cpu-turns';
import { RulePackService } from './rule-pack.service';

@Global()
@Module({ providers: [RulePackService, CpuTurns], exports: [RulePackService, CpuTurns] })
export class RulePackModule {}
