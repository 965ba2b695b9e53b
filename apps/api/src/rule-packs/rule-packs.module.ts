import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RulePackEntity } from './entities/rule-pack.entity';
import { RulePacksController } from './rule-packs.controller';
import { RulePacksService } from './rule-packs.service';

/** Stored rule packs (every version the service has loaded) and their diffs in words. */
@Module({
  imports: [TypeOrmModule.forFeature([RulePackEntity])],
  controllers: [RulePacksController],
  providers: [RulePacksService],
  exports: [RulePacksService],
})
export class RulePacksModule {}
