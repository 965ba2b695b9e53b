import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  applyScenario,
  CompiledPack,
  diffPacks,
  Lang,
  PackDiff,
  ScenarioChange,
  ScenarioError,
  ScenarioPack,
} from '@app/engine';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { InvalidInputError } from '../common/errors';
import { RulePackRefError } from '../rule-packs/rule-pack-store';
import { RulePacksService } from '../rule-packs/rule-packs.service';
import { ScenarioEntity } from './entities/scenario.entity';
import { ScenarioNotFoundError } from './sandbox.errors';
import { fromJsonColumn } from '../database/json-column';

export interface ScenarioSummary {
  id: string;
  name: string;
  base: string;
  scenarioVersion: string;
  createdBy: { id: string; name: string };
  createdAt: string;
}

export interface ScenarioView extends ScenarioSummary {
  changes: ScenarioChange[];
  /** What the scenario changes, in words (the base pack → the scenario's pack). */
  diff: PackDiff;
}

/** A scenario compiled next to its base, ready to run over a population. */
export interface CompiledScenario {
  entity: ScenarioEntity;
  applied: ScenarioPack;
  base: CompiledPack;
  scenario: CompiledPack;
}

/**
 * Scenarios: what-if overlays of a stored pack, validated by the engine against their base (a bad one is a 400
 * naming the field), stored with their author and time, never changed afterwards, never applied to the live pack.
 */
@Injectable()
export class ScenariosService {
  constructor(
    @InjectRepository(ScenarioEntity) private readonly repo: Repository<ScenarioEntity>,
    private readonly packs: RulePacksService,
  ) {}

  async create(body: Record<string, unknown>, user: Principal, lang: Lang): Promise<ScenarioView> {
    const base = await this.basePack(body.base, lang);
    const applied = refuseBad(() => applyScenario(base, { ...body, base: base.version }, lang));
    const entity = Object.assign(new ScenarioEntity(), {
      id: randomUUID(),
      name: applied.definition.name,
      baseVersion: base.version,
      scenarioVersion: applied.pack.version,
      changes: JSON.stringify(applied.definition.changes),
      createdById: user.id,
      createdByName: user.name.slice(0, 100),
      createdAt: new Date().toISOString(),
    });
    await this.repo.insert(entity);
    return this.view(entity, applied, lang);
  }

  async list(): Promise<ScenarioSummary[]> {
    return (await this.repo.find({ order: { createdAt: 'DESC' }, take: 100 })).map(summary);
  }

  async get(id: string, lang: Lang): Promise<ScenarioView> {
    const entity = await this.entity(id);
    return this.view(entity, await this.apply(entity, lang), lang);
  }

  /** The scenario with both packs compiled (compiled packs are cached by version). */
  async compiled(id: string, lang: Lang): Promise<CompiledScenario> {
    const entity = await this.entity(id);
    const applied = await this.apply(entity, lang);
    return { entity, applied, base: this.packs.compiled(applied.base), scenario: this.packs.compiled(applied.pack) };
  }

  async entity(id: string): Promise<ScenarioEntity> {
    const entity = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo.findOneBy({ id }) : null;
    if (!entity) throw new ScenarioNotFoundError();
    return entity;
  }

  /** Re-applies the stored changes to the stored base: the same input, the same pack (its version is checked). */
  private async apply(entity: ScenarioEntity, lang: Lang): Promise<ScenarioPack> {
    const base = await this.packs.pack(entity.baseVersion);
    const applied = applyScenario(
      base,
      { name: entity.name, base: entity.baseVersion, changes: fromJsonColumn(entity.changes) },
      lang,
    );
    if (applied.pack.version !== entity.scenarioVersion)
      throw new Error(`scenario ${entity.id} no longer yields the pack it was stored with`);
    return applied;
  }

  private async basePack(ref: unknown, lang: Lang) {
    if (ref !== undefined && typeof ref !== 'string')
      throw badBase(lang === 'zh' ? 'base 须为规则包版本（字符串）' : 'base must be a rule pack version (a string)');
    try {
      return await this.packs.pack(ref ?? 'current');
    } catch (e) {
      if (e instanceof RulePackRefError) {
        throw badBase(
          lang === 'zh'
            ? `没有已保存的规则包“${e.ref}”（GET /api/rule-packs 列出全部）`
            : `${e.message} (GET /api/rule-packs lists them)`,
        );
      }
      throw e;
    }
  }

  private view(entity: ScenarioEntity, applied: ScenarioPack, lang: Lang): ScenarioView {
    return {
      ...summary(entity),
      changes: applied.definition.changes,
      diff: diffPacks(applied.base, applied.pack, lang),
    };
  }
}

function summary(e: ScenarioEntity): ScenarioSummary {
  return {
    id: e.id,
    name: e.name,
    base: e.baseVersion,
    scenarioVersion: e.scenarioVersion,
    createdBy: { id: e.createdById, name: e.createdByName },
    createdAt: e.createdAt,
  };
}

/** A refused scenario is the request's fault: 400 with the fields named, never a 500. */
function refuseBad<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScenarioError) throw new InvalidInputError(e.errors);
    throw e;
  }
}

const badBase = (reason: string) => new InvalidInputError({ base: [reason] });
