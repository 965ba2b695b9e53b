import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Lang, PackDiff } from '@app/engine';
import { Allow } from '../auth/access.decorators';
import { SandboxPolicy } from '../auth/policies/sandbox.policy';
import { RequestLang } from '../common/lang';
import { RulePackRefError } from './rule-pack-store';
import { RulePackNotFoundError } from './rule-packs.errors';
import { RulePacksService, StoredPackView } from './rule-packs.service';

@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('api/rule-packs')
export class RulePacksController {
  constructor(private readonly packs: RulePacksService) {}

  @Get()
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'Every rule pack the service has loaded, newest first, the one served now marked current (caseworker, admin)' })
  list(): Promise<StoredPackView[]> {
    return this.packs.list();
  }

  @Get(':a/diff/:b')
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'Measures added, removed and changed from pack a to pack b, each change in words; a and b are versions, unambiguous prefixes or "current"' })
  @ApiNotFoundResponse({ description: 'No stored pack matches a or b' })
  async diff(@Param('a') a: string, @Param('b') b: string, @RequestLang() lang: Lang): Promise<PackDiff> {
    try {
      return await this.packs.diff(a, b, lang);
    } catch (e) {
      if (e instanceof RulePackRefError) throw new RulePackNotFoundError(e.ref === a ? 'a' : 'b', e.message);
      throw e;
    }
  }
}
