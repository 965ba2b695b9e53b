import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../auth/access.decorators';
import { SandboxPolicy } from '../auth/policies/sandbox.policy';
import type { Principal } from '../auth/principal';
import { RequestLang } from '../common/lang';
import { UuidParam } from '../common/uuid-param';
import { CreateRunDto } from './dto/create-run.dto';
import { RunView, ScenarioRunsService, Upload } from './scenario-runs.service';
import { ScenariosService, ScenarioSummary, ScenarioView } from './scenarios.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** The policy sandbox (CONTRACT §3 Version 2): scenarios over a stored pack and their impact on a population. */
@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('api/scenarios')
export class SandboxController {
  constructor(private readonly scenarios: ScenariosService, private readonly runs: ScenarioRunsService) {}

  @Post()
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'Create a scenario { name, base?, changes } over a stored pack (default: the current one); validated against it (caseworker, admin)' })
  @ApiBody({ schema: { type: 'object', required: ['name', 'changes'], example: { name: '研发投入强度门槛 6% → 5%', changes: [{ measureId: 'pi-rd-intensity-benchmark', fact: 'rdIntensity', value: 0.05 }] } } })
  @ApiCreatedResponse({ description: 'The scenario with its changes in words (diff from its base)' })
  @ApiBadRequestResponse({ description: 'A bad scenario, each offending field named (e.g. changes[0].value)' })
  create(@Body() body: Record<string, unknown>, @CurrentUser() user: Principal, @RequestLang() lang: Lang): Promise<ScenarioView> {
    return this.scenarios.create(body, user, lang);
  }

  @Get()
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'The latest scenarios: name, base pack, who made them and when' })
  list(): Promise<ScenarioSummary[]> {
    return this.scenarios.list();
  }

  @Get(':id')
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'One scenario: its changes, the diff from its base in words, and its runs with their digests' })
  async get(@Param('id', UuidParam) id: string, @RequestLang() lang: Lang): Promise<ScenarioView & { runs: RunView[] }> {
    const view = await this.scenarios.get(id, lang);
    return { ...view, runs: await this.runs.list(id) };
  }

  @Post(':id/runs')
  @Allow(SandboxPolicy.use)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Run the scenario and its base over a population: { screeningId } or { submissions: { from, to } }, or a multipart tenant file; asOf' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CreateRunDto })
  @ApiOkResponse({ description: 'Done at once: { gained, lost, valueChange, byMeasure, byCluster, byCity, byPark, tenants, … }' })
  @ApiAcceptedResponse({ description: 'A large population: { id, status: "running" }; GET the run until it is done' })
  async run(
    @Param('id', UuidParam) id: string, @Body() dto: CreateRunDto, @UploadedFile() file: Upload | undefined,
    @CurrentUser() user: Principal, @RequestLang() lang: Lang, @Res({ passthrough: true }) res: Response,
  ): Promise<RunView | { id: string; status: string }> {
    const { sync, view } = await this.runs.start(id, dto, file, user, lang);
    if (sync) return view;
    // 202: the run goes on in the background
    res.status(202);
    return { id: view.id, status: view.status };
  }

  @Get(':id/runs/:runId')
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'A run: its status and, when done, the results (tenantsLimit caps the tenant list; tenantsTotal says how many changed)' })
  runView(
    @Param('id', UuidParam) id: string, @Param('runId', UuidParam) runId: string, @RequestLang() lang: Lang,
    @Query('tenantsLimit') limit?: string,
  ): Promise<RunView> {
    const n = limit !== undefined && /^\d{1,7}$/.test(limit) ? Number(limit) : undefined;
    return this.runs.view(id, runId, n, lang);
  }

  @Get(':id/runs/:runId/changes')
  @Allow(SandboxPolicy.use)
  @ApiOperation({ summary: 'The per-tenant changes of a finished run: one row per tenant that gains, loses or changes (csv or xlsx)' })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  async changes(
    @Param('id', UuidParam) id: string, @Param('runId', UuidParam) runId: string, @Query('format') format: string | undefined,
    @RequestLang() lang: Lang, @Res() res: Response,
  ): Promise<void> {
    const f = format === 'xlsx' ? 'xlsx' : 'csv';
    await this.runs.view(id, runId, 0); // 404 before any header is sent
    res.status(200).setHeader('Content-Type', CONTENT_TYPES[f]);
    res.setHeader('Content-Disposition', `attachment; filename="scenario-${id}-run-${runId}-changes.${f}"`);
    await this.runs.writeChanges(id, runId, f, lang, res);
  }
}
