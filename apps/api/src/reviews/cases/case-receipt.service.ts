import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Lang } from '@app/engine';
import { DataSource, In } from 'typeorm';
import { RulePackService } from '../../rule-pack/rule-pack.service';
import { ReviewDecisionEntity } from '../entities/review-decision.entity';
import { ReviewItemEntity } from '../entities/review-item.entity';
import type { Decision, ReviewState } from '../review-states';
import type { CaseStatus } from './case-status';
import { ReviewCaseEntity } from './entities/review-case.entity';

/** One measure of a case as the company sees it. */
export interface CaseReceiptMeasure {
  measureId: string;
  title: string;
  status: ReviewState;
  /** The latest decision's comment (for needs-info: what is missing); null before any decision. */
  comment: string | null;
  decidedAt: string | null;
  /** Total paid, 元, once a payment is recorded. */
  amountPaid: number | null;
  paidOn: string | null;
}

/** A decision as the company sees it: what, when and why, never who. */
export interface CaseReceiptEntry {
  measureId: string;
  decision: Decision;
  comment: string;
  decidedAt: string;
  amount: number | null;
  paidOn: string | null;
}

/** The review case on a company's receipt: `GET /api/submissions/:id` → `case`. */
export interface CaseReceipt {
  id: string;
  status: CaseStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  measures: CaseReceiptMeasure[];
  history: CaseReceiptEntry[];
}

@Injectable()
export class CaseReceiptService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
  ) {}

  async ofSubmission(submissionId: string, lang: Lang): Promise<CaseReceipt | null> {
    const c = await this.db
      .getRepository(ReviewCaseEntity)
      .findOneBy({ sourceType: 'submission', sourceId: submissionId, sourceKey: '' });
    if (!c) return null;
    const items = await this.db
      .getRepository(ReviewItemEntity)
      .find({ where: { caseId: c.id }, order: { measureId: 'ASC' } });
    const decisions = items.length
      ? await this.db.getRepository(ReviewDecisionEntity).find({
          where: { reviewItemId: In(items.map((i) => i.id)) },
          order: { decidedAt: 'ASC', seq: 'ASC' },
        })
      : [];
    const measureOf = new Map(items.map((i) => [i.id, i.measureId]));
    return {
      id: c.id,
      status: c.status,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      measures: items.map((i) => {
        const own = decisions.filter((d) => d.reviewItemId === i.id);
        const last = own.at(-1);
        const paid = own.filter((d) => d.decision === 'paid');
        return {
          measureId: i.measureId,
          title: this.titleOf(i.measureId, lang),
          status: i.state,
          comment: last?.comment ?? null,
          decidedAt: last?.decidedAt ?? null,
          amountPaid: paid.length ? paid.reduce((sum, d) => sum + (d.amount ?? 0), 0) : null,
          paidOn: paid.at(-1)?.paidOn ?? null,
        };
      }),
      history: decisions.map((d) => ({
        measureId: measureOf.get(d.reviewItemId)!,
        decision: d.decision,
        comment: d.comment,
        decidedAt: d.decidedAt,
        amount: d.amount,
        paidOn: d.paidOn,
      })),
    };
  }

  private titleOf(measureId: string, lang: Lang): string {
    return this.rules.compiled.measures.find((m) => m.measure.id === measureId)?.measure.title[lang] ?? measureId;
  }
}
