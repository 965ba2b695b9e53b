import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { REVIEW_SOURCES, REVIEW_STATES, REVIEWABLE_STATUSES } from '../review-states';
import { PageQueryDto } from './page-query.dto';

const STATUS_FILTERS = [...REVIEW_STATES, 'all'] as const;

/** `GET /api/reviews` filters. Every filter is an exact match; pages are 1-based. */
export class ReviewQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUS_FILTERS, default: 'pending', description: 'pending = no decision yet' })
  @IsOptional()
  @IsIn(STATUS_FILTERS, { message: `status must be one of: ${STATUS_FILTERS.join(', ')}` })
  status?: (typeof STATUS_FILTERS)[number];

  @ApiPropertyOptional({ description: 'measure id' })
  @IsOptional()
  @IsString({ message: 'measure must be text' })
  @MaxLength(100, { message: 'measure must be at most 100 characters' })
  measure?: string;

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

  @ApiPropertyOptional({ enum: REVIEW_SOURCES })
  @IsOptional()
  @IsIn(REVIEW_SOURCES, { message: `source must be one of: ${REVIEW_SOURCES.join(', ')}` })
  source?: (typeof REVIEW_SOURCES)[number];

  @ApiPropertyOptional({ enum: REVIEWABLE_STATUSES, description: 'the match status' })
  @IsOptional()
  @IsIn(REVIEWABLE_STATUSES, { message: `match must be one of: ${REVIEWABLE_STATUSES.join(', ')}` })
  match?: (typeof REVIEWABLE_STATUSES)[number];
}
