import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { InvalidInputError } from '../../common/errors';
import { DecisionAppended, DecisionsService } from '../decisions.service';
import { CaseDecisionDto } from '../dto/create-decision.dto';
import { ReviewItemEntity } from '../entities/review-item.entity';
import { CaseNotFoundError } from '../review.errors';
import { ReviewCaseEntity } from './entities/review-case.entity';

/** A decision on one measure of a case: the measure's review item takes it (append-only, see DecisionsService). */
@Injectable()
export class CaseDecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly decisions: DecisionsService,
  ) {}

  async decide(caseId: string, user: Principal, dto: CaseDecisionDto): Promise<DecisionAppended> {
    const c = await this.db.getRepository(ReviewCaseEntity).findOneBy({ id: caseId });
    if (!c) throw new CaseNotFoundError();
    const item = await this.db.getRepository(ReviewItemEntity).findOneBy({ caseId, measureId: dto.measureId });
    if (!item)
      throw new InvalidInputError((lang) => ({
        measureId: [
          lang === 'zh' ? `本案件不含措施 ${dto.measureId}` : `${dto.measureId} is not a measure of this case`,
        ],
      }));
    return this.decisions.append(item.id, user, dto);
  }
}
