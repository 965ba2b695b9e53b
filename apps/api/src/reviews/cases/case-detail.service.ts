import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Lang, MatchResult, MeasureResult } from '@app/engine';
import { DataSource } from 'typeorm';
import { ReviewItemEntity } from '../entities/review-item.entity';
import { ReviewDetail, ReviewDetailService } from '../review-detail.service';
import { CaseNotFoundError } from '../review.errors';
import { CaseListItem, CaseQueueService } from './case-queue.service';
import { CaseVersionEntity } from './entities/case-version.entity';
import { ReviewCaseEntity } from './entities/review-case.entity';
import { diffProfiles, ProfileChange } from './profile-diff';

export interface CaseVersionView {
  version: number;
  createdAt: string;
  rulePackVersion: string;
  profile: unknown;
}

export interface CaseDetail {
  case: CaseListItem;
  /** Whom the outcome goes to (caseworkers only; the company's receipt never shows who decided). */
  contact: { name: string | null; phone: string | null; email: string | null };
  /** Every profile version, oldest first. */
  versions: CaseVersionView[];
  /** What the company changed in its latest version, field by field; empty for a single version. */
  changes: ProfileChange[];
  /** Each measure of the case explained on the latest profile: quote in context, rule then and now, decisions. */
  measures: ReviewDetail[];
}

/** One case in full: what the caseworker reads before deciding its measures. */
@Injectable()
export class CaseDetailService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: CaseQueueService,
    private readonly details: ReviewDetailService,
  ) {}

  async get(id: string, lang: Lang): Promise<CaseDetail> {
    const c = await this.db.getRepository(ReviewCaseEntity).findOneBy({ id });
    if (!c) throw new CaseNotFoundError();
    const [versions, items, [listItem]] = await Promise.all([
      this.db.getRepository(CaseVersionEntity).find({ where: { caseId: id }, order: { version: 'ASC' } }),
      this.db.getRepository(ReviewItemEntity).find({ where: { caseId: id }, order: { measureId: 'ASC' } }),
      this.queue.toListItems([c], lang),
    ]);
    const latest = versions.at(-1);
    const source = latest ? sourceOf(latest) : undefined;
    const measures = [];
    for (const item of items) measures.push(await this.details.detailOf(item, lang, source));
    const profiles = versions.map((v) => JSON.parse(v.profile) as unknown);
    return {
      case: listItem,
      contact: { name: c.contactName, phone: c.contactPhone, email: c.contactEmail },
      versions: versions.map((v, i) => ({
        version: v.version,
        createdAt: v.createdAt,
        rulePackVersion: v.rulePackVersion,
        profile: profiles[i],
      })),
      changes: profiles.length > 1 ? diffProfiles(profiles.at(-2), profiles.at(-1)) : [],
      measures,
    };
  }
}

/** A version's stored results as a match result the detail service can read its measures from. */
function sourceOf(v: CaseVersionEntity): { profile: unknown; result: MatchResult } {
  const results = JSON.parse(v.results) as MeasureResult[];
  return { profile: JSON.parse(v.profile), result: { results } as MatchResult };
}
