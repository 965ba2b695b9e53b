import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EnterpriseProfile, Lang, MatchResult, MeasureResult, validateProfile } from '@app/engine';
import { Repository } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { SubmissionEntity } from '../submissions/submission.entity';
import { DecisionsService, DecisionView } from './decisions.service';
import { ReviewItemEntity } from './entities/review-item.entity';
import { ReviewListItem, ReviewQueueService } from './review-queue.service';
import { RuleChange, diffRules } from './rule-diff';
import { explainWithCurrent, explainWithSnapshot, RuleSnapshot } from './rule-snapshot';
import { ReviewItemNotFoundError, ReviewSourceGoneError } from './review.errors';
import { RuleSnapshotsService } from './rule-snapshots.service';
import { ScreeningRowsReader } from './screening-rows.reader';
import { fromJsonColumn } from '../database/json-column';

/** What the current rule pack says about the same profile, when the measure changed since the match. */
export type CurrentRule =
  | { changed: false; rulePackVersion: string; measureVersion: string }
  | {
      changed: true;
      rulePackVersion: string;
      /** Null when the measure is no longer in the pack. */
      measureVersion: string | null;
      measure: unknown;
      /** The same profile under today's rule, or null if the measure is gone or the profile no longer validates. */
      result: MeasureResult | null;
      changes: RuleChange[];
    };

export interface ReviewDetail {
  item: ReviewListItem;
  /** The profile exactly as the company (or the tenant file) gave it. */
  profile: unknown;
  /** The match as made: every condition with its actual value and outcome, citations with quotes. */
  match: MeasureResult | null;
  /** How `match` was obtained: stored with the submission, or re-explained from the rule snapshot. */
  matchFrom: 'stored' | 'snapshot' | 'unavailable';
  rulePackVersion: string;
  measureVersion: string;
  /** The rule as it was when matched (null only if no snapshot was ever written for that version). */
  ruleAtMatch: RuleSnapshot | null;
  current: CurrentRule;
  decisions: DecisionView[];
}

/** One match, explained: the evidence a caseworker checks before deciding. */
@Injectable()
export class ReviewDetailService {
  constructor(
    @InjectRepository(ReviewItemEntity) private readonly items: Repository<ReviewItemEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    private readonly screeningRows: ScreeningRowsReader,
    private readonly snapshots: RuleSnapshotsService,
    private readonly decisions: DecisionsService,
    private readonly queue: ReviewQueueService,
    private readonly rules: RulePackService,
  ) {}

  /** `source`: the profile and results to explain (a case's latest version) instead of the item's source. */
  async get(id: string, lang: Lang, source?: { profile: unknown; result: MatchResult | null }): Promise<ReviewDetail> {
    const item = await this.items.findOneBy({ id });
    if (!item) throw new ReviewItemNotFoundError();
    return this.detailOf(item, lang, source);
  }

  async detailOf(
    item: ReviewItemEntity,
    lang: Lang,
    given?: { profile: unknown; result: MatchResult | null },
  ): Promise<ReviewDetail> {
    const [source, ruleAtMatch, decisions] = await Promise.all([
      given ?? this.sourceOf(item),
      this.snapshots.get(item.measureVersion),
      this.decisions.history(item.id),
    ]);
    const stored = source.result?.results.find((r) => r.measureId === item.measureId) ?? null;
    const explained =
      !stored && ruleAtMatch
        ? this.explain(source.profile, (p) => explainWithSnapshot(ruleAtMatch, p, lang, new Date(item.createdAt)))
        : null;
    return {
      item: this.queue.toListItem(item, lang),
      profile: source.profile,
      match: stored ?? explained,
      matchFrom: stored ? 'stored' : explained ? 'snapshot' : 'unavailable',
      rulePackVersion: item.rulePackVersion,
      measureVersion: item.measureVersion,
      ruleAtMatch,
      current: this.currentRule(item, ruleAtMatch, source.profile, lang),
      decisions,
    };
  }

  private async sourceOf(item: ReviewItemEntity): Promise<{ profile: unknown; result: MatchResult | null }> {
    if (item.sourceType === 'submission') {
      const s = await this.submissions.findOneBy({ id: item.sourceId });
      if (!s) throw new ReviewSourceGoneError('submission');
      return { profile: fromJsonColumn(s.profile), result: fromJsonColumn(s.result) };
    }
    const row = await this.screeningRows.profileOf(item.sourceId, item.sourceKey);
    if (!row) throw new ReviewSourceGoneError('screening row');
    return { profile: row.profile, result: null };
  }

  private currentRule(item: ReviewItemEntity, before: RuleSnapshot | null, profile: unknown, lang: Lang): CurrentRule {
    const compiled = this.rules.compiled;
    const now = compiled.measures.find((m) => m.measure.id === item.measureId);
    if (now && now.version === item.measureVersion) {
      return { changed: false, rulePackVersion: compiled.pack.version, measureVersion: now.version };
    }
    return {
      changed: true,
      rulePackVersion: compiled.pack.version,
      measureVersion: now?.version ?? null,
      measure: now?.measure ?? null,
      result: now ? this.explain(profile, (p) => explainWithCurrent(compiled, now, p, lang, new Date())) : null,
      changes: diffRules(before?.measure ?? null, now?.measure ?? null, lang),
    };
  }

  /** Runs `fn` on the stored profile once it validates (a profile stored long ago might not, if fields changed). */
  private explain(profile: unknown, fn: (p: EnterpriseProfile) => MeasureResult): MeasureResult | null {
    const checked = validateProfile(profile);
    return checked.profile ? fn(checked.profile) : null;
  }
}
