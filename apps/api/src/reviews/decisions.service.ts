import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, DataSource, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inTransaction } from '../database/transaction';
import { CreateDecisionDto } from './dto/create-decision.dto';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { ReviewItemEntity } from './entities/review-item.entity';
import { DecisionConflictError, ReviewItemNotFoundError } from './review.errors';
import type { Decision, ReviewSource, ReviewState } from './review-states';

export interface DecisionView {
  id: string;
  reviewId: string;
  seq: number;
  decision: Decision;
  comment: string;
  previousState: ReviewState;
  decidedBy: { id: string; name: string };
  decidedAt: string;
}

/** `POST /api/reviews/:id/decisions`: the decision appended and the item's state after it. */
export interface DecisionAppended {
  decision: DecisionView;
  state: ReviewState;
}

/** `GET /api/decisions?format=json`: a decision with the match it is about. */
export interface DecisionExportJson extends DecisionView {
  measureId: string;
  source: ReviewSource;
  sourceId: string;
}

export interface DecisionExportRow extends DecisionView {
  item: ReviewItemEntity;
}

/** The append-only decision trail. There is deliberately no update or delete here, nor any route for one. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(ReviewDecisionEntity) private readonly repo: Repository<ReviewDecisionEntity>,
  ) {}

  /**
   * Appends a decision and moves the item's state, in one transaction. Two caseworkers deciding the same item
   * at once: the second finds the counter moved and gets 409, and must look at the first decision before
   * deciding again.
   */
  async append(reviewId: string, user: Principal, dto: CreateDecisionDto): Promise<DecisionAppended> {
    const decision = await inTransaction(this.db, async (m) => {
      const item = await m.findOneBy(ReviewItemEntity, { id: reviewId });
      if (!item) throw new ReviewItemNotFoundError();
      const entity = Object.assign(new ReviewDecisionEntity(), {
        id: randomUUID(),
        reviewItemId: item.id,
        seq: item.decisionCount + 1,
        decision: dto.decision,
        comment: dto.comment,
        previousState: item.state,
        decidedBy: user.id,
        decidedByName: user.name,
        decidedAt: new Date().toISOString(),
      });
      const moved = await m.update(
        ReviewItemEntity,
        { id: item.id, decisionCount: item.decisionCount },
        { state: dto.decision, decisionCount: entity.seq, decidedAt: entity.decidedAt },
      );
      if (moved.affected !== 1) throw new DecisionConflictError();
      await m.insert(ReviewDecisionEntity, entity);
      return entity;
    }).catch(asConflict);
    return { decision: toDecisionView(decision), state: decision.decision };
  }

  async history(reviewId: string): Promise<DecisionView[]> {
    return (await this.repo.find({ where: { reviewItemId: reviewId }, order: { seq: 'ASC' } })).map(toDecisionView);
  }

  /** Every decision in a date range (UTC days, inclusive), oldest first, with the item it is about. */
  async forExport(from?: string, to?: string): Promise<DecisionExportRow[]> {
    const where: FindOptionsWhere<ReviewDecisionEntity> = {};
    const start = from ? `${from}T00:00:00.000Z` : undefined;
    const end = to ? `${to}T23:59:59.999Z` : undefined;
    if (start && end) where.decidedAt = Between(start, end);
    else if (start) where.decidedAt = MoreThanOrEqual(start);
    else if (end) where.decidedAt = LessThanOrEqual(end);
    const decisions = await this.repo.find({ where, order: { decidedAt: 'ASC', seq: 'ASC' } });
    const ids = [...new Set(decisions.map((d) => d.reviewItemId))];
    const items = new Map<string, ReviewItemEntity>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = await this.db
        .getRepository(ReviewItemEntity)
        .createQueryBuilder('i')
        .whereInIds(ids.slice(i, i + 500))
        .getMany();
      for (const item of chunk) items.set(item.id, item);
    }
    return decisions.map((d) => ({ ...toDecisionView(d), item: items.get(d.reviewItemId)! }));
  }
}

/** A unique-key clash on (item, seq) is the same race as the counter check, seen by the database. */
function asConflict(e: unknown): never {
  const code =
    (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT') throw new DecisionConflictError();
  throw e;
}

function toDecisionView(d: ReviewDecisionEntity): DecisionView {
  return {
    id: d.id,
    reviewId: d.reviewItemId,
    seq: d.seq,
    decision: d.decision,
    comment: d.comment,
    previousState: d.previousState,
    decidedBy: { id: d.decidedBy, name: d.decidedByName },
    decidedAt: d.decidedAt,
  };
}
