import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EnterpriseProfile, Lang, MatchResult } from '@app/engine';
import { Repository } from 'typeorm';
import { CpuTurns } from '../common/cpu-turns';
import { InvalidInputError } from '../common/errors';
import { inTransaction } from '../database/transaction';
import { Application, chosenMeasureErrors } from '../reviews/cases/application';
import { CaseIntakeService } from '../reviews/cases/case-intake.service';
import { CaseReceipt, CaseReceiptService } from '../reviews/cases/case-receipt.service';
import { ReviewCaseEntity } from '../reviews/cases/entities/review-case.entity';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { SubmissionEntity } from './submission.entity';
import { fromJsonColumn } from '../database/json-column';
import { SubmissionNotFoundError } from './submission.errors';

export interface SubmissionReceipt {
  id: string;
  /** Shown once; with the id it lets the company read its submission back. */
  receiptToken: string;
  /** The review case opened by the application, when one was sent. */
  caseId?: string;
  rulePackVersion: string;
  createdAt: string;
  result: MatchResult;
}

export interface SubmissionView {
  id: string;
  profile: unknown;
  result: MatchResult;
  rulePackVersion: string;
  createdAt: string;
  /** The review case of the company's application: each measure's status and comment, never who decided. */
  case?: CaseReceipt;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Saves a company's profile with the result it got; reads it back only with the receipt token. A save alone
 * creates no review work: only an application (申报意向, with a contact) opens a case, for the chosen measures.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectRepository(SubmissionEntity) private readonly repo: Repository<SubmissionEntity>,
    private readonly rules: RulePackService,
    private readonly cases: CaseIntakeService,
    private readonly receipts: CaseReceiptService,
    private readonly turns: CpuTurns,
  ) {}

  async create(
    submitted: unknown,
    profile: EnterpriseProfile,
    lang: Lang,
    application?: Application,
  ): Promise<SubmissionReceipt> {
    const result = await this.turns.run(() => this.rules.match(profile, lang));
    if (application) {
      const errors = (l: Lang) => chosenMeasureErrors(result, application.measureIds, l);
      if (Object.keys(errors('zh')).length > 0) throw new InvalidInputError(errors);
    }
    const receiptToken = randomBytes(24).toString('base64url');
    const entity = this.repo.create({
      id: randomUUID(),
      receiptHash: hash(receiptToken),
      profile: JSON.stringify(submitted),
      result: JSON.stringify(result),
      rulePackVersion: result.rulePackVersion,
      lang,
      city: profile.city ?? null,
      parkId: profile.parkId ?? null,
      createdAt: new Date().toISOString(),
    });
    const opened = await inTransaction(this.repo.manager.connection, async (m) => {
      await m.insert(SubmissionEntity, entity);
      if (!application) return null;
      return this.cases.open(
        m,
        {
          type: 'submission',
          sourceId: entity.id,
          companyName: profile.name ?? null,
          creditCode: profile.creditCode ?? null,
          city: entity.city,
          parkId: entity.parkId,
          contact: application.contact,
          createdBy: null,
          profile: submitted,
          result,
        },
        application.measureIds,
      );
    });
    return {
      id: entity.id,
      receiptToken,
      ...(opened ? { caseId: opened.id } : {}),
      rulePackVersion: entity.rulePackVersion,
      createdAt: entity.createdAt,
      result,
    };
  }

  /**
   * A new version of the profile (receipt holder only): matched again and stored as the submission's current
   * profile; its case gets the version and, unless decided, returns to the queue.
   */
  async update(
    id: string,
    receiptToken: string | undefined,
    submitted: unknown,
    profile: EnterpriseProfile,
    lang: Lang,
  ): Promise<SubmissionView> {
    const entity = await this.withReceipt(id, receiptToken);
    if (!entity) throw new SubmissionNotFoundError();
    const result = await this.turns.run(() => this.rules.match(profile, lang));
    const changes = {
      profile: JSON.stringify(submitted),
      result: JSON.stringify(result),
      rulePackVersion: result.rulePackVersion,
      city: profile.city ?? null,
      parkId: profile.parkId ?? null,
    };
    await inTransaction(this.repo.manager.connection, async (m) => {
      await m.update(SubmissionEntity, { id }, changes);
      const c = await m.findOneBy(ReviewCaseEntity, { sourceType: 'submission', sourceId: id, sourceKey: '' });
      if (c) await this.cases.addVersion(m, c, submitted, result);
    });
    return this.viewOf(Object.assign(entity, changes), lang);
  }

  /** Null when the id is unknown or the token does not match: the caller cannot tell which. */
  async findWithReceipt(id: string, receiptToken: string | undefined, lang: Lang): Promise<SubmissionView | null> {
    const entity = await this.withReceipt(id, receiptToken);
    return entity ? this.viewOf(entity, lang) : null;
  }

  /** For those who read every submission (SubmissionPolicy): no receipt needed. */
  async findById(id: string, lang: Lang): Promise<SubmissionView | null> {
    const entity = await this.repo.findOneBy({ id });
    return entity ? this.viewOf(entity, lang) : null;
  }

  private async withReceipt(id: string, receiptToken: string | undefined): Promise<SubmissionEntity | null> {
    if (!receiptToken) return null;
    const entity = await this.repo.findOneBy({ id });
    if (!entity) return null;
    const expected = Buffer.from(entity.receiptHash, 'hex');
    const given = Buffer.from(hash(receiptToken), 'hex');
    return timingSafeEqual(expected, given) ? entity : null;
  }

  private async viewOf(e: SubmissionEntity, lang: Lang): Promise<SubmissionView> {
    const c = await this.receipts.ofSubmission(e.id, lang);
    return { ...toView(e), ...(c ? { case: c } : {}) };
  }
}

export function toView(e: SubmissionEntity): SubmissionView {
  return {
    id: e.id,
    profile: fromJsonColumn(e.profile),
    result: fromJsonColumn(e.result),
    rulePackVersion: e.rulePackVersion,
    createdAt: e.createdAt,
  };
}
