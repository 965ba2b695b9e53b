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
import type { Lang } from '@app/engine';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../auth/access.decorators';
import { SandboxPolicy } from '../auth/policies/sandbox.policy';
import type { Principal } from '../auth/principal';
import { RequestLang } from '../common/lang';
import { UuidParam } from '../common/uuid-param';
import { ApiErrors, ApiFileResponse, ApiJsonResponse, BODY_ERRORS, SIGNED_IN_ERRORS } from '../openapi/api-responses';
import { CreateRunDto } from './dto/create-run.dto';
import { RunAccepted, RunView, ScenarioDetail, ScenarioRunsService, Upload } from './scenario-runs.service';
import { ScenariosService, ScenarioSummary, ScenarioView } from './scenarios.service';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The policy sandbox (CONTRACT §3 Version 2): scenarios over a stored pack and their impact on a population. */
@ApiTags('sandbox')
@ApiBearerAuth()
@ApiErrors([...SIGNED_IN_ERRORS])
@Controller('api/scenarios')
export class SandboxController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly runs: ScenarioRunsService,
  ) {}

  @Post()
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary:
      'Create a scenario { name, base?, changes } over a stored pack (default: the current one); validated against it (caseworker, admin)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'changes'],
      example: {
        name: '研发投入强度门槛 6% → 5%',
        changes: [{ measureId: 'pi-rd-intensity-benchmark', fact: 'rdIntensity', value: 0.05 }],
      },
    },
  })
  @ApiJsonResponse(201, 'ScenarioView', 'The scenario with its changes in words (diff from its base)')
  @ApiErrors([...BODY_ERRORS, 404], {
    400: 'A bad scenario, each offending field named (e.g. changes[0].value)',
    404: 'No stored pack matches base',
  })
  create(
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: Principal,
    @RequestLang() lang: Lang,
  ): Promise<ScenarioView> {
    return this.scenarios.create(body, user, lang);
  }

  @Get()
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'The latest scenarios: name, base pack, who made them and when' })
  @ApiJsonResponse(200, 'ScenarioSummary', 'The latest scenarios', 'array')
  list(): Promise<ScenarioSummary[]> {
    return this.scenarios.list();
  }

  @Get(':id')
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary: 'One scenario: its changes, the diff from its base in words, and its runs with their digests',
  })
  @ApiJsonResponse(200, 'ScenarioDetail', 'The scenario and its runs')
  @ApiErrors([400, 404], { 400: 'id is not a UUID', 404: 'No scenario with that id' })
  async get(@Param('id', UuidParam) id: string, @RequestLang() lang: Lang): Promise<ScenarioDetail> {
    const view = await this.scenarios.get(id, lang);
    return { ...view, runs: await this.runs.list(id) };
  }

  @Post(':id/runs')
  @Allow(SandboxPolicy.use)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Run the scenario and its base over a population: { screeningId } or { submissions: { from, to } }, or a multipart tenant file; asOf',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CreateRunDto })
  @ApiJsonResponse(
    200,
    'RunView',
    'Done at once: { gained, lost, valueChange, byMeasure, byCluster, byCity, byPark, tenants, … }',
  )
  @ApiJsonResponse(202, 'RunAccepted', 'A large population: { id, status: "running" }; GET the run until it is done')
  @ApiErrors([...BODY_ERRORS, 404, 409], {
    404: 'No scenario, screening or pack with that id',
    409: 'The screening is not done',
  })
  async run(
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateRunDto,
    @UploadedFile() file: Upload | undefined,
    @CurrentUser() user: Principal,
    @RequestLang() lang: Lang,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunView | RunAccepted> {
    const { sync, view } = await this.runs.start(id, dto, file, user, lang);
    if (sync) return view;
    // 202: the run goes on in the background
    res.status(202);
    return { id: view.id, status: view.status };
  }

  @Get(':id/runs/:runId')
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary:
      'A run: its status and, when done, the results (tenantsLimit caps the tenant list; tenantsTotal says how many changed)',
  })
  @ApiJsonResponse(200, 'RunView', 'The run')
  @ApiErrors([400, 404], { 404: 'No such scenario or run' })
  runView(
    @Param('id', UuidParam) id: string,
    @Param('runId', UuidParam) runId: string,
    @RequestLang() lang: Lang,
    @Query('tenantsLimit') limit?: string,
  ): Promise<RunView> {
    const n = limit !== undefined && /^\d{1,7}$/.test(limit) ? Number(limit) : undefined;
    return this.runs.view(id, runId, n, lang);
  }

  @Get(':id/runs/:runId/changes')
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary: 'The per-tenant changes of a finished run: one row per tenant that gains, loses or changes (csv or xlsx)',
  })
  @ApiFileResponse('The changes as CSV or XLSX')
  @ApiErrors([400, 404, 409], { 404: 'No such scenario or run', 409: 'The run is not done' })
  async changes(
    @Param('id', UuidParam) id: string,
    @Param('runId', UuidParam) runId: string,
    @Query('format') format: string | undefined,
    @RequestLang() lang: Lang,
    @Res() res: Response,
  ): Promise<void> {
    const f = format === 'xlsx' ? 'xlsx' : 'csv';
    await this.runs.view(id, runId, 0); // 404 before any header is sent
    res.status(200).setHeader('Content-Type', CONTENT_TYPES[f]);
    res.setHeader('Content-Disposition', `attachment; filename="scenario-${id}-run-${runId}-changes.${f}"`);
    await this.runs.writeChanges(id, runId, f, lang, res);
  }
}
