import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EnterpriseProfile, Lang, MatchResult } from '@app/engine';
import { Repository } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { ReviewIntakeService } from '../reviews/review-intake.service';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { SubmissionEntity } from './submission.entity';
import { fromJsonColumn } from '../database/json-column';

export interface SubmissionReceipt {
  id: string;
  /** Shown once; with the id it lets the company read its submission back. */
  receiptToken: string;
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
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Saves a company's profile with the result it got; reads it back only with the receipt token. */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectRepository(SubmissionEntity) private readonly repo: Repository<SubmissionEntity>,
    private readonly rules: RulePackService,
    private readonly reviews: ReviewIntakeService,
  ) {}

  async create(submitted: unknown, profile: EnterpriseProfile, lang: Lang): Promise<SubmissionReceipt> {
    const result = this.rules.match(profile, lang);
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
    // The submission and its review items (its eligible and needs-info matches) are saved together.
    await inTransaction(this.repo.manager.connection, async (m) => {
      await m.insert(SubmissionEntity, entity);
      await this.reviews.recordSubmission(
        m,
        {
          sourceId: entity.id,
          rulePackVersion: entity.rulePackVersion,
          city: entity.city,
          parkId: entity.parkId,
          companyName: profile.name ?? null,
          creditCode: profile.creditCode ?? null,
          createdAt: entity.createdAt,
        },
        result.results,
      );
    });
    return {
      id: entity.id,
      receiptToken,
      rulePackVersion: entity.rulePackVersion,
      createdAt: entity.createdAt,
      result,
    };
  }

  /** Null when the id is unknown or the token does not match: the caller cannot tell which. */
  async findWithReceipt(id: string, receiptToken: string | undefined): Promise<SubmissionView | null> {
    if (!receiptToken) return null;
    const entity = await this.repo.findOneBy({ id });
    if (!entity) return null;
    const expected = Buffer.from(entity.receiptHash, 'hex');
    const given = Buffer.from(hash(receiptToken), 'hex');
    if (!timingSafeEqual(expected, given)) return null;
    return toView(entity);
  }

  /** For those who read every submission (SubmissionPolicy): no receipt needed. */
  async findById(id: string): Promise<SubmissionView | null> {
    const entity = await this.repo.findOneBy({ id });
    return entity ? toView(entity) : null;
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
