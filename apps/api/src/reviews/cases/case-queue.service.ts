import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Lang, MeasureNature } from '@app/engine';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { RulePackService } from '../../rule-pack/rule-pack.service';
import { ReviewItemEntity } from '../entities/review-item.entity';
import type { ReviewSource, ReviewState } from '../review-states';
import { CASE_STATUSES, CaseStatus } from './case-status';
import { CaseQueryDto } from './dto/case-query.dto';
import { ReviewCaseEntity } from './entities/review-case.entity';

export interface CaseMeasureItem {
  reviewId: string;
  measureId: string;
  title: string;
  nature: MeasureNature | null;
  state: ReviewState;
}

export interface CaseListItem {
  id: string;
  status: CaseStatus;
  source: ReviewSource;
  sourceId: string;
  sourceKey: string | null;
  companyName: string | null;
  creditCode: string | null;
  city: string | null;
  parkId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Set when the company updated its profile after the case opened. */
  returnedAt: string | null;
  /** Whole days since the case opened. */
  ageDays: number;
  measures: CaseMeasureItem[];
}

export interface CasePage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Cases per status under the other filters, for the filter's counts. */
  counts: Record<CaseStatus | 'all', number>;
}

const DAY = 86_400_000;

/** The queue: one item per case, oldest first, filtered by what its measures and its company are. */
@Injectable()
export class CaseQueueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
  ) {}

  async list(query: CaseQueryDto, lang: Lang, now = new Date()): Promise<CasePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const status = query.status ?? 'pending';
    const base = await this.filtered(query, now);
    const rows: { status: CaseStatus; n: string | number }[] = await base
      .clone()
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('c.status')
      .getRawMany();
    const counts = Object.fromEntries([...CASE_STATUSES, 'all'].map((s) => [s, 0])) as CasePage['counts'];
    for (const r of rows) {
      counts[r.status] = Number(r.n);
      counts.all += Number(r.n);
    }
    const qb = base.clone();
    if (status !== 'all') qb.andWhere('c.status = :status', { status });
    const [cases, total] = await qb
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.toListItems(cases, lang, now), total, page, pageSize, counts };
  }

  async toListItems(cases: ReviewCaseEntity[], lang: Lang, now = new Date()): Promise<CaseListItem[]> {
    const items = cases.length
      ? await this.db.getRepository(ReviewItemEntity).find({
          where: { caseId: In(cases.map((c) => c.id)) },
          order: { measureId: 'ASC' },
        })
      : [];
    return cases.map((c) => ({
      id: c.id,
      status: c.status,
      source: c.sourceType,
      sourceId: c.sourceId,
      sourceKey: c.sourceKey || null,
      companyName: c.companyName,
      creditCode: c.creditCode,
      city: c.city,
      parkId: c.parkId,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      returnedAt: c.returnedAt,
      ageDays: Math.floor((now.getTime() - Date.parse(c.createdAt)) / DAY),
      measures: items
        .filter((i) => i.caseId === c.id)
        .map((i) => {
          const m = this.rules.compiled.measures.find((x) => x.measure.id === i.measureId)?.measure;
          return {
            reviewId: i.id,
            measureId: i.measureId,
            title: m?.title[lang] ?? i.measureId,
            nature: m?.nature ?? null,
            state: i.state,
          };
        }),
    }));
  }

  /** Every filter but status (the counts are per status). */
  private async filtered(query: CaseQueryDto, now: Date): Promise<SelectQueryBuilder<ReviewCaseEntity>> {
    const qb = this.db.getRepository(ReviewCaseEntity).createQueryBuilder('c');
    if (query.city) qb.andWhere('c.city = :city', { city: query.city });
    if (query.park) qb.andWhere('c.parkId = :park', { park: query.park });
    const measureIds = this.measureFilter(query);
    if (measureIds) {
      const sub = qb
        .subQuery()
        .select('i.caseId')
        .from(ReviewItemEntity, 'i')
        .where('i.measureId IN (:...measureIds)')
        .getQuery();
      qb.andWhere(`c.id IN ${sub}`, { measureIds: measureIds.length ? measureIds : ['\u0000none'] });
    }
    if (query.age) {
      const daysAgo = (d: number) => new Date(now.getTime() - d * DAY).toISOString();
      if (query.age === 'lt7') qb.andWhere('c.createdAt > :since', { since: daysAgo(7) });
      if (query.age === '7to30')
        qb.andWhere('c.createdAt <= :since AND c.createdAt > :until', { since: daysAgo(7), until: daysAgo(30) });
      if (query.age === 'gt30') qb.andWhere('c.createdAt <= :until', { until: daysAgo(30) });
    }
    if (query.after) {
      const ref = await this.db.getRepository(ReviewCaseEntity).findOneBy({ id: query.after });
      if (ref)
        qb.andWhere('(c.createdAt > :refAt OR (c.createdAt = :refAt AND c.id > :refId))', {
          refAt: ref.createdAt,
          refId: ref.id,
        });
    }
    return qb;
  }

  /** The measure ids a measure or nature filter allows, or null for no such filter. */
  private measureFilter(query: CaseQueryDto): string[] | null {
    if (!query.measure && !query.nature) return null;
    return this.rules.compiled.measures
      .map((m) => m.measure)
      .filter((m) => (!query.measure || m.id === query.measure) && (!query.nature || m.nature === query.nature))
      .map((m) => m.id)
      .concat(query.measure && query.nature ? [] : query.measure ? [query.measure] : []);
  }
}
