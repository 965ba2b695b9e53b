import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BatchFileError,
  ImpactReport,
  impactDigest,
  localizeReport,
  PopulationImpact,
  writeChangesCsv,
  writeChangesXlsx,
} from '@app/batch';
import { isIsoDate, Lang, todayInShanghai } from '@app/engine';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { InvalidInputError } from '../common/errors';
import { CreateRunDto } from './dto/create-run.dto';
import { ScenarioRunEntity } from './entities/scenario-run.entity';
import { filePopulation, RunPopulation, screeningPopulation, submissionsPopulation } from './run-population';
import { ScenarioRunNotDoneError, ScenarioRunNotFoundError } from './sandbox.errors';
import { CompiledScenario, ScenariosService, ScenarioView } from './scenarios.service';

/** One scenario with its runs (GET /api/scenarios/:id). */
export interface ScenarioDetail extends ScenarioView {
  runs: RunView[];
}

/** The answer to a run started on a large population (202): GET the run until it is done. */
export interface RunAccepted {
  id: string;
  status: string;
}

export interface RunView extends Partial<Omit<ImpactReport, 'population'>> {
  id: string;
  scenarioId: string;
  status: ScenarioRunEntity['status'];
  asOf: string;
  population: { kind: string; ref: string; tenants?: number; rejected?: number };
  createdBy: { id: string; name: string };
  createdAt: string;
  finishedAt: string | null;
  resultDigest: string | null;
  error: string | null;
  /** Tenants whose outcome changed; `tenants` may hold only the first of them (`?tenantsLimit=`). */
  tenantsTotal?: number;
}

export interface Upload {
  path: string;
  originalname: string;
  size: number;
}

/**
 * Runs scenarios over populations: small ones at once (200 with the results), large ones in the background (202
 * with the id; GET the run for its status and results). Runs are never resumed: one interrupted by a restart is
 * marked failed, to be run again. Each result is stored with its digest, the audit trail's fingerprint of it.
 */
@Injectable()
export class ScenarioRunsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScenarioRunsService.name);
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scenarios: ScenariosService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.getRepository(ScenarioRunEntity).update(
      { status: 'running' },
      {
        status: 'failed',
        error: 'interrupted when the service stopped; run it again',
        finishedAt: new Date().toISOString(),
      },
    );
  }

  async start(
    scenarioId: string,
    dto: CreateRunDto,
    upload: Upload | undefined,
    user: Principal,
    lang: Lang,
  ): Promise<{ sync: boolean; view: RunView }> {
    const compiled = await this.scenarios.compiled(scenarioId, lang);
    const asOf = dto.asOf ?? todayInShanghai();
    if (!isIsoDate(asOf))
      throw new InvalidInputError({
        asOf: [lang === 'zh' ? 'asOf 须为真实存在的日期（YYYY-MM-DD）' : 'asOf must be a real date written YYYY-MM-DD'],
      });
    const population = await this.population(dto, upload, lang);
    const run = Object.assign(new ScenarioRunEntity(), {
      id: randomUUID(),
      scenarioId,
      populationKind: population.kind,
      populationRef: population.ref,
      asOf,
      lang,
      status: 'running',
      tenants: null,
      result: null,
      resultDigest: null,
      error: null,
      createdById: user.id,
      createdByName: user.name.slice(0, 100),
      createdAt: new Date().toISOString(),
      finishedAt: null,
    } satisfies ScenarioRunEntity);
    await this.db.getRepository(ScenarioRunEntity).insert(run);
    const job = () => this.execute(run, compiled, population, lang);
    if (population.small) {
      await job();
      return { sync: true, view: await this.view(scenarioId, run.id) };
    }
    // The answer is the run as accepted (running); the job may well finish before the client asks again.
    const accepted = await this.view(scenarioId, run.id);
    this.queue = this.queue.then(job);
    return { sync: false, view: accepted };
  }

  /** Resolves when no background run is left (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** A run, its results worded in `lang` (measure titles, city and cluster names), whatever language it ran in. */
  async view(scenarioId: string, runId: string, tenantsLimit?: number, lang?: Lang): Promise<RunView> {
    const run = await this.entity(scenarioId, runId);
    const stored = run.result ? (JSON.parse(run.result) as ImpactReport) : undefined;
    const report =
      stored && lang && lang !== run.lang ? localizeReport(stored, await this.titles(scenarioId, lang), lang) : stored;
    const base = {
      id: run.id,
      scenarioId: run.scenarioId,
      status: run.status,
      asOf: run.asOf,
      population: { kind: run.populationKind, ref: run.populationRef },
      createdBy: { id: run.createdById, name: run.createdByName },
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      resultDigest: run.resultDigest,
      error: run.error,
    };
    if (!report) return base;
    const { population, tenants, ...rest } = report;
    return {
      ...base,
      ...rest,
      population: { ...base.population, ...population },
      tenants: tenantsLimit === undefined ? tenants : tenants.slice(0, tenantsLimit),
      tenantsTotal: tenants.length,
    };
  }

  async list(scenarioId: string): Promise<RunView[]> {
    const runs = await this.db
      .getRepository(ScenarioRunEntity)
      .find({ select: { id: true }, where: { scenarioId }, order: { createdAt: 'DESC' }, take: 50 });
    return Promise.all(runs.map((r) => this.view(scenarioId, r.id, 0)));
  }

  /** The per-tenant changes of a finished run as CSV or XLSX, in `lang`. */
  async writeChanges(
    scenarioId: string,
    runId: string,
    format: 'csv' | 'xlsx',
    lang: Lang,
    out: Writable,
  ): Promise<void> {
    const run = await this.entity(scenarioId, runId);
    if (!run.result) throw new ScenarioRunNotDoneError(run.status);
    const titles = await this.titles(scenarioId, lang);
    const report = localizeReport(JSON.parse(run.result) as ImpactReport, titles, lang);
    await (format === 'xlsx'
      ? writeChangesXlsx(report, titles, lang, out)
      : writeChangesCsv(report, titles, lang, out));
  }

  private async titles(scenarioId: string, lang: Lang): Promise<Map<string, string>> {
    const compiled = await this.scenarios.compiled(scenarioId, lang);
    return new Map(
      [...compiled.base.measures, ...compiled.scenario.measures].map((m) => [m.measure.id, m.measure.title[lang]]),
    );
  }

  private async population(dto: CreateRunDto, upload: Upload | undefined, lang: Lang): Promise<RunPopulation> {
    const given = [dto.screeningId !== undefined, dto.submissions !== undefined, upload !== undefined].filter(
      Boolean,
    ).length;
    if (given !== 1) {
      const reason =
        lang === 'zh'
          ? '须且只能给出一个企业范围：screeningId、submissions {from, to} 或上传文件 file'
          : 'give exactly one population: screeningId, submissions {from, to}, or an uploaded file';
      throw new InvalidInputError({ population: [reason] });
    }
    if (upload) return filePopulation(upload, lang);
    if (dto.screeningId) return screeningPopulation(this.db, dto.screeningId, lang);
    return submissionsPopulation(this.db, dto.submissions!.from, dto.submissions!.to);
  }

  private async execute(
    run: ScenarioRunEntity,
    compiled: CompiledScenario,
    population: RunPopulation,
    lang: Lang,
  ): Promise<void> {
    const repo = this.db.getRepository(ScenarioRunEntity);
    try {
      const impact = new PopulationImpact(compiled.base, compiled.scenario, {
        asOf: run.asOf,
        lang,
        touched: compiled.applied.touched,
      });
      await population.read(impact);
      const report = impact.report();
      await repo.update(
        { id: run.id },
        {
          status: 'done',
          tenants: report.population.tenants,
          result: JSON.stringify(report),
          resultDigest: impactDigest(report),
          finishedAt: new Date().toISOString(),
        },
      );
    } catch (e) {
      const error = e instanceof BatchFileError ? e.describe(lang) : 'internal error while running the scenario';
      if (!(e instanceof BatchFileError))
        this.logger.error(`scenario run ${run.id} failed: ${(e as Error | undefined)?.stack ?? String(e)}`);
      await repo.update({ id: run.id }, { status: 'failed', error, finishedAt: new Date().toISOString() });
    } finally {
      population.dispose();
    }
  }

  private async entity(scenarioId: string, runId: string): Promise<ScenarioRunEntity> {
    const run = /^[0-9a-f-]{36}$/i.test(runId)
      ? await this.db.getRepository(ScenarioRunEntity).findOneBy({ id: runId, scenarioId })
      : null;
    if (!run) throw new ScenarioRunNotFoundError();
    return run;
  }
}
