import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { EnterpriseProfile, Lang, MatchResult } from '@app/engine';
import { Public } from '../auth/access.decorators';
import { RequestAsOf } from '../common/as-of';
import { RequestLang } from '../common/lang';
import { ProfilePipe } from '../common/validation';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ProfileDto } from './dto/profile.dto';

@ApiTags('match')
@Public()
@Controller('api/match')
export class MatchController {
  constructor(private readonly rules: RulePackService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Match an enterprise profile against every measure (CONTRACT §2)' })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: the date validity is judged at (default today, Asia/Shanghai)' })
  @ApiOkResponse({ description: 'Every measure with status, citations, conditions, missing facts and near misses' })
  @ApiBadRequestResponse({ description: '{ message, errors: { field: [reason] } }' })
  match(@Body(ProfilePipe) profile: ProfileDto, @RequestLang() lang: Lang, @RequestAsOf() asOf: string): MatchResult {
    return this.rules.match(profile as EnterpriseProfile, lang, asOf);
  }
}
