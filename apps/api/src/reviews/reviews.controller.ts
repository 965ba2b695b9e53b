import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../auth/access.decorators';
import { ReviewPolicy } from '../auth/policies/review.policy';
import type { Principal } from '../auth/principal';
import { RequestLang } from '../common/lang';
import {
  ApiDownloadResponse,
  ApiErrors,
  ApiJsonResponse,
  BODY_ERRORS,
  SIGNED_IN_ERRORS,
} from '../openapi/api-responses';
import { UuidParam } from '../common/uuid-param';
import { decisionsCsv, decisionsXlsx } from './decisions-export';
import { DecisionAppended, DecisionExportJson, DecisionsService } from './decisions.service';
import { CreateDecisionDto } from './dto/create-decision.dto';
import { ExportQueryDto } from './dto/export-query.dto';
import { ReviewQueryDto } from './dto/review-query.dto';
import { ReviewDetail, ReviewDetailService } from './review-detail.service';
import { ReviewPage, ReviewQueueService } from './review-queue.service';

@ApiTags('reviews')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/reviews')
export class ReviewsController {
  constructor(
    private readonly queue: ReviewQueueService,
    private readonly detail: ReviewDetailService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get()
  @Allow(ReviewPolicy.read)
  @ApiOperation({
    summary: 'The review queue: eligible and needs-info matches, filterable, paginated, oldest first (caseworker)',
  })
  @ApiQuery({ type: ReviewQueryDto })
  @ApiJsonResponse(200, 'ReviewPage', 'One page of the queue and the total')
  @ApiErrors([400])
  list(@Query() query: ReviewQueryDto, @RequestLang() lang: Lang): Promise<ReviewPage> {
    return this.queue.list(query, lang);
  }

  @Get(':id')
  @Allow(ReviewPolicy.read)
  @ApiOperation({
    summary:
      'One match: profile as submitted, conditions, citations, the rule as it was and as it is, decisions (caseworker)',
  })
  @ApiJsonResponse(200, 'ReviewDetail', 'The match, the rule then and now, and its decisions')
  @ApiErrors([400], { 400: 'The id is not a UUID', 404: 'No review item with that id' })
  get(@Param('id', UuidParam) id: string, @RequestLang() lang: Lang): Promise<ReviewDetail> {
    return this.detail.get(id, lang);
  }

  @Post(':id/decisions')
  @Allow(ReviewPolicy.decide)
  @ApiOperation({ summary: 'Append a decision with a comment; decisions are never updated or deleted (caseworker)' })
  @ApiBody({ type: CreateDecisionDto })
  @ApiJsonResponse(201, 'DecisionAppended', 'The decision appended and the state it moved the item to')
  @ApiErrors(BODY_ERRORS, {
    404: 'No review item with that id',
    409: 'Another decision was recorded meanwhile: reload and decide again',
  })
  decide(
    @Param('id', UuidParam) id: string,
    @Body() body: CreateDecisionDto,
    @CurrentUser() user: Principal,
  ): Promise<DecisionAppended> {
    return this.decisions.append(id, user, body);
  }
}

@ApiTags('reviews')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/decisions')
export class DecisionsExportController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get()
  @Allow(ReviewPolicy.read)
  @ApiOperation({
    summary:
      'Every decision with the measure and case it is about, as CSV (default), XLSX or JSON; Chinese headers and ' +
      'values, English with lang=en (caseworker)',
  })
  @ApiQuery({ type: ExportQueryDto })
  @ApiDownloadResponse('The decisions as a CSV or XLSX file, or a JSON array', ['DecisionExportJson'], 'array')
  @ApiErrors([400])
  async export(@Query() query: ExportQueryDto, @RequestLang() lang: Lang, @Res({ passthrough: true }) res: Response) {
    const { format = 'csv', from, to } = query;
    const rows = await this.decisions.forExport(from, to);
    if (format === 'json')
      return rows.map(({ item, ...d }): DecisionExportJson => ({
        ...d,
        measureId: item.measureId,
        source: item.sourceType,
        sourceId: item.sourceId,
      }));
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'xlsx') {
      res.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="decisions-${stamp}.xlsx"`,
      });
      return new StreamableFile(await decisionsXlsx(rows, lang));
    }
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="decisions-${stamp}.csv"`,
    });
    return new StreamableFile(decisionsCsv(rows, lang));
  }
}
