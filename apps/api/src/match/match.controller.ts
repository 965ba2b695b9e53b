import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { EnterpriseProfile, Lang } from '@app/engine';
import { Public } from '../auth/access.decorators';
import { RequestAsOf } from '../common/as-of';
import { CpuTurns } from '../common/cpu-turns';
import { RequestLang } from '../common/lang';
import { ProfilePipe } from '../common/validation';
import { ANONYMOUS_ERRORS, ApiErrors, ApiJsonResponse, BODY_ERRORS } from '../openapi/api-responses';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ProfileDto } from './dto/profile.dto';
import { sendMatchResult } from './match-response';

@ApiTags('match')
@Public()
@Controller('api/match')
export class MatchController {
  constructor(
    private readonly rules: RulePackService,
    private readonly turns: CpuTurns,
  ) {}

  /**
   * The match runs in its turn (CpuTurns: arrival order, one per turn of the event loop), not inside the poll phase
   * that read the request. A request whose client has gone by then is not matched.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Match an enterprise profile against every measure (CONTRACT §2)' })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
  @ApiQuery({
    name: 'asOf',
    required: false,
    type: String,
    description: 'YYYY-MM-DD: the date validity is judged at (default today, Asia/Shanghai)',
  })
  @ApiJsonResponse(
    200,
    'MatchResult',
    'Every measure with its status, citations, conditions, missing facts, near misses, estimate and how to apply; the qualification ladder',
  )
  @ApiErrors([...ANONYMOUS_ERRORS, ...BODY_ERRORS])
  async match(
    @Body(ProfilePipe) profile: ProfileDto,
    @RequestLang() lang: Lang,
    @RequestAsOf() asOf: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.turns.run(() => {
      if (req.socket.destroyed) return;
      sendMatchResult(res, this.rules.json, this.rules.matchWithLadder(profile as EnterpriseProfile, lang, asOf), lang);
    });
  }
}
