import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Decision, DECISIONS } from '../review-states';

export class CreateDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `decision must be one of: ${DECISIONS.join(', ')}` })
  decision: Decision;

  @ApiProperty({ description: 'Why: required, 1 to 2000 characters', maxLength: 2000 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'comment is required' })
  @Length(1, 2000, { message: 'comment is required (1 to 2000 characters)' })
  comment: string;
}

/** `POST /api/cases/:id/decisions`: a decision on one measure of the case; `paid` also needs amount and paidOn. */
export class CaseDecisionDto extends CreateDecisionDto {
  @ApiProperty({ description: 'The measure of the case decided on', maxLength: 100 })
  @IsString({ message: 'measureId is required' })
  @MaxLength(100, { message: 'measureId must be at most 100 characters' })
  measureId: string;

  @ApiPropertyOptional({ description: 'For paid: the amount paid, 元 (0.01 to 10^15)' })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'amount must be a number of 元 with at most 2 decimals' },
  )
  @Min(0.01, { message: 'amount must be more than 0' })
  @Max(1e15, { message: 'amount must be at most 10^15' })
  amount?: number;

  @ApiPropertyOptional({ description: 'For paid: the day it was paid, YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'paidOn must be YYYY-MM-DD' })
  paidOn?: string;
}
