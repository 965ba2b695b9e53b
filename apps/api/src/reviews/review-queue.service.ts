import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Lang } from '@app/engine';
import { FindOptionsWhere, Repository } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ReviewQueryDto } from './dto/review-query.dto';
import { ReviewItemEntity } from './entities/review-item.entity';

export interface ReviewListItem {
  id: string;
  source: ReviewItemEntity['sourceType'];
  sourceId: string;
  sourceKey: string | null;
  measureId: string;
  measureTitle: string;
  measureVersion: string;
  rulePackVersion: string;
  matchStatus: ReviewItemEntity['matchStatus'];
  state: ReviewItemEntity['state'];
  decisionCount: number;
  city: string | null;
  parkId: string | null;
  companyName: string | null;
  creditCode: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface ReviewPage {
  items: ReviewListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** The review queue: one indexed query over review_items, oldest first. */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectRepository(ReviewItemEntity) private readonly repo: Repository<ReviewItemEntity>,
    private readonly rules: RulePackService,
  ) {}

  async list(query: ReviewQueryDto, lang: Lang): Promise<ReviewPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where: FindOptionsWhere<ReviewItemEntity> = {};
    const status = query.status ?? 'pending';
    if (status !== 'all') where.state = status;
    if (query.measure) where.measureId = query.measure;
    if (query.city) where.city = query.city;
    if (query.park) where.parkId = query.park;
    if (query.source) where.sourceType = query.source;
    if (query.match) where.matchStatus = query.match;
    const [rows, total] = await this.repo.findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map((r) => this.toListItem(r, lang)), total, page, pageSize };
  }

  toListItem(r: ReviewItemEntity, lang: Lang): ReviewListItem {
    return {
      id: r.id,
      source: r.sourceType,
      sourceId: r.sourceId,
      sourceKey: r.sourceKey || null,
      measureId: r.measureId,
      measureTitle: this.titleOf(r.measureId, lang),
      measureVersion: r.measureVersion,
      rulePackVersion: r.rulePackVersion,
      matchStatus: r.matchStatus,
      state: r.state,
      decisionCount: r.decisionCount,
      city: r.city,
      parkId: r.parkId,
      companyName: r.companyName,
      creditCode: r.creditCode,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    };
  }

  private titleOf(measureId: string, lang: Lang): string {
    return this.rules.compiled.measures.find((m) => m.measure.id === measureId)?.measure.title[lang] ?? measureId;
  }
}
