import { Global, Module } from '@nestjs/common';
import { RulePackService } from './rule-pack.service';

@Global()
@Module({ providers: [RulePackService], exports: [RulePackService] })
export class RulePackModule {}
