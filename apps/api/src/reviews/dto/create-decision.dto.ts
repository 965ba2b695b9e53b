import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length } from 'class-validator';
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
