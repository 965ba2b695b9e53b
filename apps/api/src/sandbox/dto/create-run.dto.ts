import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodDto {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsDefined({ message: 'from is required (YYYY-MM-DD)' })
  @IsString({ message: 'from must be a date written YYYY-MM-DD' })
  @Matches(DATE, { message: 'from must be a date written YYYY-MM-DD' })
  from: string;

  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsDefined({ message: 'to is required (YYYY-MM-DD)' })
  @IsString({ message: 'to must be a date written YYYY-MM-DD' })
  @Matches(DATE, { message: 'to must be a date written YYYY-MM-DD' })
  to: string;
}

/**
 * `POST /api/scenarios/:id/runs`: the population is a finished screening (`screeningId`), the submissions saved in a
 * period (`submissions: { from, to }`), or an uploaded tenant file (multipart field `file`); exactly one of them.
 */
export class CreateRunDto {
  @ApiPropertyOptional({ description: 'a finished screening: its tenants are the population' })
  @IsOptional()
  @IsUUID('4', { message: 'screeningId must be a screening id (UUID)' })
  screeningId?: string;

  @ApiPropertyOptional({ type: PeriodDto, description: 'the submissions saved between these dates (inclusive)' })
  @IsOptional()
  @IsObject({ message: 'submissions must be { from, to }' })
  @ValidateNested()
  @Type(() => PeriodDto)
  submissions?: PeriodDto;

  @ApiPropertyOptional({
    example: '2025-06-30',
    description: 'the date validity is judged at, for both packs; default today (Asia/Shanghai)',
  })
  @IsOptional()
  @IsString({ message: 'asOf must be a date written YYYY-MM-DD' })
  @Matches(DATE, { message: 'asOf must be a date written YYYY-MM-DD' })
  asOf?: string;
}
