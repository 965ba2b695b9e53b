import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CompiledPack, compilePack, diffPacks, Lang, PackDiff, RulePack } from '@app/engine';
import { Repository } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { RulePackEntity } from './entities/rule-pack.entity';
import { RulePackStore } from './rule-pack-store';

/** Compiled packs kept besides the live one: a few bases of scenarios in use. */
const CACHE_SIZE = 4;

export interface StoredPackView {
  version: string;
  measureCount: number;
  firstLoadedAt: string;
  /** The pack the service is serving now. */
  current: boolean;
}

/**
 * Every rule pack the service has loaded, stored by version at start-up (a version's content never changes), so a
 * scenario's base and either side of a diff can be any pack served before, not only the live one.
 */
@Injectable()
export class RulePacksService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RulePacksService.name);
  readonly store: RulePackStore;
  private readonly cache = new Map<string, CompiledPack>();

  constructor(
    @InjectRepository(RulePackEntity) repo: Repository<RulePackEntity>,
    private readonly rules: RulePackService,
  ) {
    this.store = new RulePackStore(repo);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (await this.store.store(this.rules.compiled.pack)) this.logger.log(`rule pack ${this.rules.version} stored`);
  }

  get currentVersion(): string {
    return this.rules.version;
  }

  async list(): Promise<StoredPackView[]> {
    return (await this.store.list()).map((p) => ({ ...p, current: p.version === this.rules.version }));
  }

  /** `current`, a full version or an unambiguous prefix; RulePackRefError otherwise. */
  async pack(ref: string): Promise<RulePack> {
    if (ref === 'current' || ref === this.rules.version) return this.rules.compiled.pack;
    return this.store.get(ref);
  }

  /** Compiled once per version (the live pack is already). */
  compiled(pack: RulePack): CompiledPack {
    if (pack.version === this.rules.version) return this.rules.compiled;
    let c = this.cache.get(pack.version);
    if (!c) {
      c = compilePack(pack);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(pack.version, c);
    }
    return c;
  }

  async diff(a: string, b: string, lang: Lang): Promise<PackDiff> {
    const [from, to] = await Promise.all([this.pack(a), this.pack(b)]);
    return diffPacks(from, to, lang);
  }
}
