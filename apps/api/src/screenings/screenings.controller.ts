import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isIsoDate, type Lang } from '@app/engine';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../auth/access.decorators';
import { ParkScoped } from '../auth/park-scope.guard';
import { ScreeningPolicy } from '../auth/policies/screening.policy';
import type { Principal } from '../auth/principal';
import { InvalidInputError } from '../common/errors';
import { RequestLang } from '../common/lang';
import { ApiDownloadResponse, ApiErrors, ApiJsonResponse, SIGNED_IN_ERRORS } from '../openapi/api-responses';
import { UuidParam } from '../common/uuid-param';
import { CreateScreeningDto, RejectedQueryDto, ResultsQueryDto } from './dto/screening-query.dto';
import { ScreeningEntity } from './entities/screening.entity';
import { ExportFormat, ScreeningExportService } from './screening-export.service';
import { OtherParkError, ScreeningNotDoneError, ScreeningNotFoundError } from './screening.errors';
import { ScreeningCreated, ScreeningsService, ScreeningView } from './screenings.service';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/**
 * Batch screening of a park's tenant file (CONTRACT §3, §4). Who may call what is the auth policy's:
 * park-admins upload and read their own park's screenings, caseworkers read all; another park's id is a 404.
 */
@ApiTags('screenings')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/screenings')
export class ScreeningsController {
  constructor(
    private readonly screenings: ScreeningsService,
    private readonly exports: ScreeningExportService,
  ) {}

  @Post()
  @HttpCode(202)
  @Allow(ScreeningPolicy.create)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a tenant file (.csv or .xlsx, CONTRACT §4) and start screening it; 202 with the id',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        parkId: { type: 'string' },
        asOf: { type: 'string', example: '2026-11-26' },
      },
    },
  })
  @ApiJsonResponse(
    202,
    'ScreeningCreated',
    'Accepted: the file is screened in the background; poll GET /api/screenings/{id}',
  )
  @ApiErrors([400, 413], {
    400: 'No file, not .csv/.xlsx, unreadable, unknown headers, or a bad asOf',
    403: 'Another park, or a role that may not upload',
    503: 'The database, or (with REDIS_URL) the screening queue, does not answer: the upload was not kept; retry after `Retry-After` seconds',
  })
  async create(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: CreateScreeningDto,
    @CurrentUser() user: Principal,
    @RequestLang() lang: Lang,
  ): Promise<ScreeningCreated> {
    try {
      const parkId = ScreeningPolicy.parkFor(user);
      if (body.parkId !== undefined && body.parkId !== parkId) throw new OtherParkError(parkId);
      if (body.asOf !== undefined && !isIsoDate(body.asOf)) {
        throw new InvalidInputError({
          asOf: [lang === 'zh' ? 'asOf 须为 YYYY-MM-DD 格式的日期' : 'asOf must be a date written YYYY-MM-DD'],
        });
      }
      return await this.screenings.create(file, { parkId }, lang, body.asOf);
    } finally {
      this.screenings.discardUpload(file); // an accepted file was moved away already; anything else must not linger
    }
  }

  @Get()
  @Allow(ScreeningPolicy.read)
  @ApiOperation({ summary: 'The latest screenings the caller may see (a park-admin: its own park’s)' })
  @ApiJsonResponse(200, 'ScreeningView', 'Newest first', 'array')
  list(@CurrentUser() user: Principal): Promise<ScreeningView[]> {
    return this.screenings.list({ parkId: ScreeningPolicy.parkScope(user) });
  }

  @Get(':id')
  @Allow(ScreeningPolicy.read)
  @ParkScoped(() => ScreeningEntity, () => new ScreeningNotFoundError())
  @ApiOperation({ summary: 'Status and progress: { status, processed, total, rejectedRows, summary, … }' })
  @ApiJsonResponse(200, 'ScreeningView', 'Status, progress and, when done, the per-measure summary')
  @ApiErrors([400], {
    400: 'The id is not a UUID',
    404: 'Unknown id, or another park’s screening (indistinguishable on purpose)',
  })
  async get(@Param('id', UuidParam) id: string, @RequestLang() lang: Lang): Promise<ScreeningView> {
    return this.screenings.view(id, {}, lang);
  }

  @Get(':id/results')
  @Allow(ScreeningPolicy.read)
  @ParkScoped(() => ScreeningEntity, () => new ScreeningNotFoundError())
  @ApiOperation({
    summary:
      'One row per tenant: key fields, counts and each measure’s status (csv, xlsx with summary and rejected sheets, or json)',
  })
  @ApiDownloadResponse(
    'The results file (CSV, XLSX), all tenants as JSON, or with format=json&limit=n one sorted page of them',
    ['ScreeningResultsJson', 'TenantPage'],
  )
  @ApiErrors([400], {
    404: 'Unknown id, or another park’s screening (indistinguishable on purpose)',
    409: 'The screening is not done yet (or failed)',
  })
  async results(
    @Param('id', UuidParam) id: string,
    @Query() q: ResultsQueryDto,
    @RequestLang() lang: Lang,
    @Res() res: Response,
  ): Promise<void> {
    const s = await this.doneScreening(id);
    const format = q.format ?? 'csv';
    if (format === 'json' && q.limit !== undefined) {
      res.json(
        await this.exports.page(
          s,
          { offset: q.offset ?? 0, limit: q.limit, sort: q.sort ?? 'rowNumber', order: q.order ?? 'asc', q: q.q },
          lang,
        ),
      );
      return;
    }
    startDownload(res, format, `screening-${s.id}-results`);
    await this.exports.results(s, format, lang, res);
  }

  @Get(':id/rejected')
  @Allow(ScreeningPolicy.read)
  @ParkScoped(() => ScreeningEntity, () => new ScreeningNotFoundError())
  @ApiOperation({
    summary: 'The rejected rows: row number, reasons ({ field: [reason] } as in an API 400), and the row as uploaded',
  })
  @ApiDownloadResponse('The rejected rows as a CSV or XLSX file, or JSON', ['RejectedRowsJson'])
  @ApiErrors([400], { 404: 'Unknown id, or another park’s screening (indistinguishable on purpose)' })
  async rejected(
    @Param('id', UuidParam) id: string,
    @Query() q: RejectedQueryDto,
    @RequestLang() lang: Lang,
    @Res() res: Response,
  ): Promise<void> {
    const s = await this.screenings.get(id);
    const format = q.format ?? 'csv';
    startDownload(res, format, `screening-${s.id}-rejected`);
    await this.exports.rejected(s, format, lang, res);
  }

  private async doneScreening(id: string): Promise<ScreeningEntity> {
    const s = await this.screenings.get(id);
    if (s.status !== 'done') throw new ScreeningNotDoneError(s.status);
    return s;
  }
}

function startDownload(res: Response, format: ExportFormat, name: string): void {
  res.status(200).setHeader('Content-Type', CONTENT_TYPES[format]);
  if (format !== 'json') res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
}
