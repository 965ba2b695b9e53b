import { RulePack } from '@app/engine';
import { Like, Repository } from 'typeorm';
import { RulePackEntity } from './entities/rule-pack.entity';
import { fromJsonColumn } from '../database/json-column';

/** A reference to a stored pack that matches none, or several. */
export class RulePackRefError extends Error {
  constructor(
    readonly ref: string,
    readonly reason: 'unknown' | 'ambiguous',
  ) {
    super(
      reason === 'unknown'
        ? `no stored rule pack "${ref}"`
        : `"${ref}" matches several stored rule packs; give more of the version`,
    );
  }
}

const HEX = /^(sha256:)?[0-9a-f]{6,64}$/;

/**
 * The stored packs, for the service and the CLI alike (plain TypeORM, no Nest): store one once, find one by its
 * version or an unambiguous prefix of it (`sha256:e25c2bfa`, `e25c2bfa`), list them.
 */
export class RulePackStore {
  constructor(private readonly repo: Repository<RulePackEntity>) {}

  /** Stores the pack unless its version is stored already; true when it wrote it. */
  async store(pack: RulePack): Promise<boolean> {
    if (await this.repo.exists({ where: { version: pack.version } })) return false;
    const row = Object.assign(new RulePackEntity(), {
      version: pack.version,
      measureCount: pack.measures.length,
      documents: JSON.stringify(pack.documents),
      measures: JSON.stringify(pack.measures),
      measureVersions: JSON.stringify(pack.measureVersions),
      firstLoadedAt: new Date().toISOString(),
    });
    // orIgnore: two processes starting on one database may store the same version at once; the content is equal.
    await this.repo.createQueryBuilder().insert().into(RulePackEntity).values(row).orIgnore().execute();
    return true;
  }

  /** The full version a reference names; RulePackRefError when it names none or several. */
  async resolve(ref: string): Promise<string> {
    const wanted = ref.trim().toLowerCase();
    if (!HEX.test(wanted)) throw new RulePackRefError(ref, 'unknown');
    const version = wanted.startsWith('sha256:') ? wanted : `sha256:${wanted}`;
    const found = await this.repo.find({ select: { version: true }, where: { version: Like(`${version}%`) }, take: 2 });
    if (found.length === 0) throw new RulePackRefError(ref, 'unknown');
    if (found.length > 1) throw new RulePackRefError(ref, 'ambiguous');
    return found[0].version;
  }

  async get(ref: string): Promise<RulePack> {
    const e = await this.repo.findOneByOrFail({ version: await this.resolve(ref) });
    return {
      version: e.version,
      documents: fromJsonColumn(e.documents),
      measures: fromJsonColumn(e.measures),
      measureVersions: fromJsonColumn(e.measureVersions),
    };
  }

  async list(): Promise<{ version: string; measureCount: number; firstLoadedAt: string }[]> {
    return this.repo.find({
      select: { version: true, measureCount: true, firstLoadedAt: true },
      order: { firstLoadedAt: 'DESC' },
      take: 200,
    });
  }
}
