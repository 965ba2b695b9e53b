import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CASE_STATUSES } from '../case-status';
import { PageQueryDto } from '../../dto/page-query.dto';

export const CASE_STATUS_FILTERS = [...CASE_STATUSES, 'all'] as const;
export const AGE_FILTERS = ['lt7', '7to30', 'gt30'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];
const NATURES = ['entitlement', 'application'] as const;

/** `GET /api/cases` filters; every filter is an exact match, pages are 1-based. */
export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUS_FILTERS, default: 'pending' })
  @IsOptional()
  @IsIn(CASE_STATUS_FILTERS, { message: `status must be one of: ${CASE_STATUS_FILTERS.join(', ')}` })
  status?: (typeof CASE_STATUS_FILTERS)[number];

  @ApiPropertyOptional({ description: 'cases holding this measure id' })
  @IsOptional()
  @IsString({ message: 'measure must be text' })
  @MaxLength(100, { message: 'measure must be at most 100 characters' })
  measure?: string;

  @ApiPropertyOptional({ enum: NATURES, description: 'cases holding a measure of this nature' })
  @IsOptional()
  @IsIn(NATURES, { message: `nature must be one of: ${NATURES.join(', ')}` })
  nature?: (typeof NATURES)[number];

  @ApiPropertyOptional({ description: 'city id (CONTRACT §1)' })
  @IsOptional()
  @IsString({ message: 'city must be text' })
  @MaxLength(40, { message: 'city must be at most 40 characters' })
  city?: string;

  @ApiPropertyOptional({ description: 'park id' })
  @IsOptional()
  @IsString({ message: 'park must be text' })
  @MaxLength(100, { message: 'park must be at most 100 characters' })
  park?: string;

  @ApiPropertyOptional({ enum: AGE_FILTERS, description: 'days since the case was opened: <7, 7–30, >30' })
  @IsOptional()
  @IsIn(AGE_FILTERS, { message: `age must be one of: ${AGE_FILTERS.join(', ')}` })
  age?: AgeFilter;

  @ApiPropertyOptional({ description: 'only cases after this one in queue order (for "save and next")' })
  @IsOptional()
  @IsUUID('all', { message: 'after must be a case id' })
  after?: string;
}
