import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Lang, PackDiff } from '@app/engine';
import { Allow } from '../auth/access.decorators';
import { SandboxPolicy } from '../auth/policies/sandbox.policy';
import { RequestLang } from '../common/lang';
import { RulePackRefError } from './rule-pack-store';
import { RulePackNotFoundError } from './rule-packs.errors';
import { RulePacksService, StoredPackView } from './rule-packs.service';
import { ApiErrors, ApiJsonResponse, SIGNED_IN_ERRORS } from '../openapi/api-responses';

@ApiTags('sandbox')
@ApiBearerAuth()
@ApiErrors([...SIGNED_IN_ERRORS])
@Controller('api/rule-packs')
export class RulePacksController {
  constructor(private readonly packs: RulePacksService) {}

  @Get()
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary:
      'Every rule pack the service has loaded, newest first, the one served now marked current (caseworker, admin)',
  })
  @ApiJsonResponse(200, 'StoredPackView', 'The stored packs', 'array')
  list(): Promise<StoredPackView[]> {
    return this.packs.list();
  }

  @Get(':a/diff/:b')
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary:
      'Measures added, removed and changed from pack a to pack b, each change in words; a and b are versions, unambiguous prefixes or "current"',
  })
  @ApiJsonResponse(200, 'PackDiff', 'The changes from a to b in words')
  @ApiErrors([404], { 404: 'No stored pack matches a or b' })
  async diff(@Param('a') a: string, @Param('b') b: string, @RequestLang() lang: Lang): Promise<PackDiff> {
    try {
      return await this.packs.diff(a, b, lang);
    } catch (e) {
      if (e instanceof RulePackRefError) throw new RulePackNotFoundError(e.ref === a ? 'a' : 'b', e.message);
      throw e;
    }
  }
}
