import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { RuleSnapshotEntity } from './entities/rule-snapshot.entity';
import { RuleSnapshot, snapshotOf } from './rule-snapshot';
import { fromJsonColumn } from '../database/json-column';

/**
 * Keeps "the rule as it was" for every measure version that decided a stored match. A pack version is
 * immutable, so the pack being served is snapshotted once at start-up; `ensure` covers anything else
 * (a version this process has not written yet) when a match is stored.
 */
@Injectable()
export class RuleSnapshotsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RuleSnapshotsService.name);
  private readonly known = new Set<string>();

  constructor(
    @InjectRepository(RuleSnapshotEntity) private readonly repo: Repository<RuleSnapshotEntity>,
    private readonly rules: RulePackService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const written = await this.ensure(
      this.repo.manager,
      this.rules.compiled.measures.map((m) => m.version),
    );
    if (written > 0) this.logger.log(`rule snapshots: ${written} new measure version(s) of pack ${this.rules.version}`);
  }

  /** Writes the snapshot of each current-pack measure version not stored yet; returns how many it wrote. */
  async ensure(manager: EntityManager, measureVersions: string[]): Promise<number> {
    const wanted = [...new Set(measureVersions)].filter((v) => !this.known.has(v));
    if (wanted.length === 0) return 0;
    const stored = new Set(
      (
        await manager.find(RuleSnapshotEntity, {
          select: { measureVersion: true },
          where: { measureVersion: In(wanted) },
        })
      ).map((s) => s.measureVersion),
    );
    const now = new Date().toISOString();
    const rows = this.rules.compiled.measures
      .filter((m) => wanted.includes(m.version) && !stored.has(m.version))
      .map((m) => toEntity(snapshotOf(this.rules.compiled, m), now));
    // orIgnore: two processes starting on one database may both write the same version; content is equal.
    if (rows.length > 0)
      await manager.createQueryBuilder().insert().into(RuleSnapshotEntity).values(rows).orIgnore().execute();
    for (const v of wanted) if (stored.has(v) || rows.some((r) => r.measureVersion === v)) this.known.add(v);
    return rows.length;
  }

  async get(measureVersion: string): Promise<RuleSnapshot | null> {
    const e = await this.repo.findOneBy({ measureVersion });
    if (!e) return null;
    return {
      measureVersion: e.measureVersion,
      measureId: e.measureId,
      rulePackVersion: e.rulePackVersion,
      measure: fromJsonColumn(e.measure),
      passages: fromJsonColumn(e.passages),
    };
  }
}

function toEntity(s: RuleSnapshot, createdAt: string): RuleSnapshotEntity {
  return Object.assign(new RuleSnapshotEntity(), {
    measureVersion: s.measureVersion,
    measureId: s.measureId,
    rulePackVersion: s.rulePackVersion,
    measure: JSON.stringify(s.measure),
    passages: JSON.stringify(s.passages),
    createdAt,
  });
}
