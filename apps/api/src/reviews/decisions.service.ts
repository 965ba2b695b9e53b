import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Between,
  DataSource,
  EntityManager,
  FindOptionsWhere,
  LessThanOrEqual,
  MoreThanOrEqual,
  Repository,
} from 'typeorm';
import type { Principal } from '../auth/principal';
import { inTransaction } from '../database/transaction';
import { InvalidInputError } from '../common/errors';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { caseStatusOf } from './cases/case-status';
import { ReviewCaseEntity } from './cases/entities/review-case.entity';
import { CaseDecisionDto, CreateDecisionDto } from './dto/create-decision.dto';
import { OutboxService } from './outbox/outbox.service';
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
  /** For paid: 元. */
  amount: number | null;
  paidOn: string | null;
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
    private readonly outbox: OutboxService,
    private readonly rules: RulePackService,
  ) {}

  /**
   * Appends a decision and moves the item's state, in one transaction. Two caseworkers deciding the same item
   * at once: the second finds the counter moved and gets 409, and must look at the first decision before
   * deciding again.
   */
  async append(
    reviewId: string,
    user: Principal,
    dto: CreateDecisionDto & Partial<Pick<CaseDecisionDto, 'amount' | 'paidOn'>>,
  ): Promise<DecisionAppended> {
    paymentFieldErrors(dto);
    const decision = await inTransaction(this.db, async (m) => {
      const item = await m.findOneBy(ReviewItemEntity, { id: reviewId });
      if (!item) throw new ReviewItemNotFoundError();
      if (dto.decision === 'paid' && item.state !== 'confirmed' && item.state !== 'paid')
        throw new InvalidInputError(
          (lang) => ({
            decision: [lang === 'zh' ? '须先审核通过（confirmed）才能登记拨付' : 'paid needs a prior confirmed'],
          }),
          'paid needs a prior confirmed',
        );
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
        amount: dto.decision === 'paid' ? dto.amount! : null,
        paidOn: dto.decision === 'paid' ? dto.paidOn! : null,
      });
      const moved = await m.update(
        ReviewItemEntity,
        { id: item.id, decisionCount: item.decisionCount },
        { state: dto.decision, decisionCount: entity.seq, decidedAt: entity.decidedAt },
      );
      if (moved.affected !== 1) throw new DecisionConflictError();
      await m.insert(ReviewDecisionEntity, entity);
      if (item.caseId) await this.moveCase(m, item.caseId, item.measureId, entity);
      return entity;
    }).catch(asConflict);
    return { decision: toDecisionView(decision), state: decision.decision };
  }

  /** The case's status after a decision on one of its measures, and the company's notification of it. */
  private async moveCase(m: EntityManager, caseId: string, measureId: string, d: ReviewDecisionEntity): Promise<void> {
    const c = await m.findOneBy(ReviewCaseEntity, { id: caseId });
    if (!c) return;
    const items = await m.find(ReviewItemEntity, { where: { caseId }, select: { state: true, decidedAt: true } });
    c.status = caseStatusOf(items, c.returnedAt);
    c.updatedAt = d.decidedAt;
    await m.update(ReviewCaseEntity, { id: caseId }, { status: c.status, updatedAt: c.updatedAt });
    await this.outbox.record(m, c, {
      key: `decision:${d.id}`,
      event: 'decision',
      status: d.decision,
      measureId,
      measureTitle: this.rules.compiled.measures.find((x) => x.measure.id === measureId)?.measure.title.zh,
      comment: d.comment,
      amount: d.amount,
      paidOn: d.paidOn,
    });
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

/** `paid` needs an amount and a real date (not in the future); other decisions take neither. */
function paymentFieldErrors(dto: { decision: string; amount?: number; paidOn?: string }): void {
  const errors: Record<string, { zh: string; en: string }> = {};
  if (dto.decision === 'paid') {
    if (dto.amount === undefined) errors.amount = { zh: '登记拨付须填写金额（元）', en: 'paid needs an amount (元)' };
    const day = dto.paidOn ? new Date(`${dto.paidOn}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== dto.paidOn)
      errors.paidOn = { zh: '登记拨付须填写有效的拨付日期', en: 'paid needs paidOn, a real date (YYYY-MM-DD)' };
    else if (dto.paidOn > new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))
      errors.paidOn = { zh: '拨付日期不能晚于今天', en: 'paidOn cannot be in the future' };
  } else {
    if (dto.amount !== undefined) errors.amount = { zh: '只有拨付登记填写金额', en: 'only paid takes an amount' };
    if (dto.paidOn !== undefined) errors.paidOn = { zh: '只有拨付登记填写日期', en: 'only paid takes paidOn' };
  }
  if (Object.keys(errors).length > 0)
    throw new InvalidInputError((lang) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v[lang]]])));
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
    amount: d.amount ?? null,
    paidOn: d.paidOn ?? null,
  };
}
