import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Lang, MeasureNature } from '@app/engine';
import { DataSource } from 'typeorm';
import { RulePackService } from '../../rule-pack/rule-pack.service';
import { CASE_STATUSES, CaseStatus } from '../cases/case-status';
import { ReviewCaseEntity } from '../cases/entities/review-case.entity';
import { ReviewDecisionEntity } from '../entities/review-decision.entity';
import { ReviewItemEntity } from '../entities/review-item.entity';

/** Counts of one group of case measures: applied = measures asked for; the rest by their current state. */
export interface MeasureCounts {
  applied: number;
  pending: number;
  needsInfo: number;
  confirmed: number;
  rejected: number;
  /** Measures with a payment recorded, and the total paid (元). */
  paid: number;
  amountPaid: number;
  /** 兑现率: paid ÷ confirmed (a paid measure was confirmed first); null when nothing is confirmed. */
  realizationRate: number | null;
}

export interface MeasureRow extends MeasureCounts {
  measureId: string;
  title: string;
  nature: MeasureNature | null;
}

export interface PlaceRow extends MeasureCounts {
  /** City id or park id; null = not given. */
  key: string | null;
  cases: number;
}

export const AGE_BUCKETS = ['0-7', '8-30', '31-90', '90+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface Dashboard {
  generatedAt: string;
  cases: number;
  /** Cases by status. */
  byStatus: Record<CaseStatus, number>;
  /** Open cases (pending or needs-info) by days since they opened. */
  openByAge: Record<AgeBucket, number>;
  byMeasure: MeasureRow[];
  byCity: PlaceRow[];
  byPark: PlaceRow[];
  /** Median whole days from a case opening to the first confirmed or rejected decision on a measure; null if none. */
  medianDaysToDecision: number | null;
  decidedMeasures: number;
}

const DAY = 86_400_000;

/**
 * The dashboard from the case tables: it reads cases, their measures and their decisions (all of which grow
 * with cases, not screening rows) and counts in memory.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
  ) {}

  async build(lang: Lang, now = new Date()): Promise<Dashboard> {
    const [cases, items, decisions] = await Promise.all([
      this.db.getRepository(ReviewCaseEntity).find(),
      this.db.getRepository(ReviewItemEntity).createQueryBuilder('i').where('i.caseId IS NOT NULL').getMany(),
      this.db.getRepository(ReviewDecisionEntity).find({ order: { decidedAt: 'ASC', seq: 'ASC' } }),
    ]);
    const caseOf = new Map(cases.map((c) => [c.id, c]));
    const paidOf = new Map<string, number>();
    const firstDecision = new Map<string, string>();
    for (const d of decisions) {
      if (d.decision === 'paid') paidOf.set(d.reviewItemId, (paidOf.get(d.reviewItemId) ?? 0) + (d.amount ?? 0));
      if ((d.decision === 'confirmed' || d.decision === 'rejected') && !firstDecision.has(d.reviewItemId))
        firstDecision.set(d.reviewItemId, d.decidedAt);
    }
    const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    const openByAge = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
    for (const c of cases) {
      byStatus[c.status]++;
      if (c.status !== 'decided') openByAge[ageBucket((now.getTime() - Date.parse(c.createdAt)) / DAY)]++;
    }
    const days = items
      .filter((i) => firstDecision.has(i.id) && caseOf.has(i.caseId!))
      .map((i) => (Date.parse(firstDecision.get(i.id)!) - Date.parse(caseOf.get(i.caseId!)!.createdAt)) / DAY);
    return {
      generatedAt: now.toISOString(),
      cases: cases.length,
      byStatus,
      openByAge,
      byMeasure: this.byMeasure(items, paidOf, lang),
      byCity: byPlace(items, paidOf, caseOf, (c) => c.city),
      byPark: byPlace(items, paidOf, caseOf, (c) => c.parkId),
      medianDaysToDecision: median(days),
      decidedMeasures: days.length,
    };
  }

  private byMeasure(items: ReviewItemEntity[], paidOf: Map<string, number>, lang: Lang): MeasureRow[] {
    const groups = groupBy(items, (i) => i.measureId);
    return [...groups.entries()]
      .map(([measureId, group]) => {
        const m = this.rules.compiled.measures.find((x) => x.measure.id === measureId)?.measure;
        return { measureId, title: m?.title[lang] ?? measureId, nature: m?.nature ?? null, ...countsOf(group, paidOf) };
      })
      .sort((a, b) => b.applied - a.applied || a.measureId.localeCompare(b.measureId));
  }
}

function byPlace(
  items: ReviewItemEntity[],
  paidOf: Map<string, number>,
  caseOf: Map<string, ReviewCaseEntity>,
  keyOf: (c: ReviewCaseEntity) => string | null,
): PlaceRow[] {
  const groups = groupBy(
    items.filter((i) => caseOf.has(i.caseId!)),
    (i) => keyOf(caseOf.get(i.caseId!)!),
  );
  return [...groups.entries()]
    .map(([key, group]) => ({ key, cases: new Set(group.map((i) => i.caseId)).size, ...countsOf(group, paidOf) }))
    .sort((a, b) => b.applied - a.applied || String(a.key).localeCompare(String(b.key)));
}

function countsOf(group: ReviewItemEntity[], paidOf: Map<string, number>): MeasureCounts {
  const n = (state: string) => group.filter((i) => i.state === state).length;
  const paidItems = group.filter((i) => paidOf.has(i.id));
  // A paid measure was confirmed first, so it counts as confirmed too.
  const confirmed = n('confirmed') + n('paid');
  return {
    applied: group.length,
    pending: n('pending'),
    needsInfo: n('needs-info'),
    confirmed,
    rejected: n('rejected'),
    paid: paidItems.length,
    amountPaid: Math.round(paidItems.reduce((s, i) => s + paidOf.get(i.id)!, 0) * 100) / 100,
    realizationRate: confirmed > 0 ? Math.round((paidItems.length / confirmed) * 10_000) / 10_000 : null,
  };
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

function ageBucket(days: number): AgeBucket {
  if (days <= 7) return '0-7';
  if (days <= 30) return '8-30';
  if (days <= 90) return '31-90';
  return '90+';
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return Math.round(m * 100) / 100;
}
