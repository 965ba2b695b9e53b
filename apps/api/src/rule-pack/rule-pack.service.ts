import { Injectable, Logger } from '@nestjs/common';
import {
  CompiledPack,
  compilePack,
  EnterpriseProfile,
  Lang,
  loadRulePack,
  MatchJsonWriter,
  MatchResult,
  matchProfile,
  matchWithLadder,
} from '@app/engine';

/**
 * Loads and compiles the rule pack once, at start-up. A bad pack throws here, which stops the service
 * with the engine's message naming each file and problem. The compiled pack is immutable and shared.
 */
@Injectable()
export class RulePackService {
  private readonly logger = new Logger(RulePackService.name);
  readonly compiled: CompiledPack;
  /** The pack's match results as JSON from precomputed fragments (POST /api/match's body). */
  readonly json: MatchJsonWriter;

  constructor() {
    this.compiled = compilePack(loadRulePack());
    this.json = new MatchJsonWriter(this.compiled);
    this.logger.log(
      `rule pack ${this.version}: ${this.compiled.measures.length} measures, ${this.compiled.documents.size} documents`,
    );
  }

  get version(): string {
    return this.compiled.pack.version;
  }

  match(profile: EnterpriseProfile, lang: Lang, asOf?: string): MatchResult {
    return matchProfile(this.compiled, profile, { lang, asOf });
  }

  /**
   * The match plus the qualification ladder (one re-screen per rung): `POST /api/match` only, never a batch. The
   * result is only serialised (MatchJsonWriter), so it shares the pack's frozen per-language texts (`sharedTexts`).
   */
  matchWithLadder(profile: EnterpriseProfile, lang: Lang, asOf?: string): MatchResult {
    return matchWithLadder(this.compiled, profile, { lang, asOf, sharedTexts: true });
  }
}
