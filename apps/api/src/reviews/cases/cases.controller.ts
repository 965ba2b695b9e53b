import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import { Allow, CurrentUser } from '../../auth/access.decorators';
import type { Principal } from '../../auth/principal';
import { RequestLang } from '../../common/lang';
import { UuidParam } from '../../common/uuid-param';
import { ApiErrors, ApiJsonResponse, BODY_ERRORS, SIGNED_IN_ERRORS } from '../../openapi/api-responses';
import { DecisionAppended } from '../decisions.service';
import { CaseDecisionDto } from '../dto/create-decision.dto';
import { CaseDecisionsService } from './case-decisions.service';
import { CaseDetail, CaseDetailService } from './case-detail.service';
import { CasePolicy } from './case.policy';
import { CasePage, CaseQueueService } from './case-queue.service';
import { CaseQueryDto } from './dto/case-query.dto';
import { SendTenantsDto } from './dto/send-tenants.dto';
import { ScreeningCasesSent, ScreeningCasesService } from './screening-cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly queue: CaseQueueService,
    private readonly detail: CaseDetailService,
    private readonly decisions: CaseDecisionsService,
  ) {}

  @Get()
  @Allow(CasePolicy.read)
  @ApiOperation({ summary: 'The review queue: one item per case, oldest first, filtered, with counts (caseworker)' })
  @ApiQuery({ type: CaseQueryDto })
  @ApiJsonResponse(200, 'CasePage', 'One page of cases, the total and the counts per status')
  @ApiErrors([400])
  list(@Query() query: CaseQueryDto, @RequestLang() lang: Lang): Promise<CasePage> {
    return this.queue.list(query, lang);
  }

  @Get(':id')
  @Allow(CasePolicy.read)
  @ApiOperation({
    summary: 'One case: profile versions and what changed, each measure explained (rule then and now), decisions',
  })
  @ApiJsonResponse(200, 'CaseDetail', 'The case in full')
  @ApiErrors([400], { 400: 'The id is not a UUID', 404: 'No case with that id' })
  get(@Param('id', UuidParam) id: string, @RequestLang() lang: Lang): Promise<CaseDetail> {
    return this.detail.get(id, lang);
  }

  @Post(':id/decisions')
  @Allow(CasePolicy.decide)
  @ApiOperation({
    summary:
      'Append a decision on one measure (confirmed, rejected, needs-info, or paid after confirmed with amount and ' +
      'paidOn); never updated or deleted (caseworker)',
  })
  @ApiBody({ type: CaseDecisionDto })
  @ApiJsonResponse(201, 'DecisionAppended', 'The decision appended and the state it moved the measure to')
  @ApiErrors(BODY_ERRORS, {
    404: 'No case with that id',
    409: 'Another decision was recorded meanwhile: reload and decide again',
  })
  decide(
    @Param('id', UuidParam) id: string,
    @Body() body: CaseDecisionDto,
    @CurrentUser() user: Principal,
  ): Promise<DecisionAppended> {
    return this.decisions.decide(id, user, body);
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/screenings')
export class ScreeningCasesController {
  constructor(private readonly cases: ScreeningCasesService) {}

  @Post(':id/cases')
  @Allow(CasePolicy.send)
  @ApiOperation({
    summary:
      "Send chosen tenant rows of the park's screening to review: one case each, with its eligible in-force " +
      'entitlements and applications (park-admin)',
  })
  @ApiBody({ type: SendTenantsDto })
  @ApiJsonResponse(201, 'ScreeningCasesSent', 'The cases opened, and the rows left out with the reason')
  @ApiErrors(BODY_ERRORS, {
    404: 'No screening with that id in your park',
    409: 'The screening is not done yet',
  })
  send(
    @Param('id', UuidParam) id: string,
    @Body() body: SendTenantsDto,
    @CurrentUser() user: Principal,
  ): Promise<ScreeningCasesSent> {
    return this.cases.send(user, id, body.rows);
  }
}
