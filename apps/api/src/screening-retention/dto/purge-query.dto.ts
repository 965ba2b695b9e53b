import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PurgeQueryDto {
  /** Purge finished screenings older than this many days (default SCREENING_RETENTION_DAYS, 90). */
  @ApiPropertyOptional({ minimum: 0, maximum: 36500, example: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'olderThanDays must be a whole number of days' })
  @Min(0, { message: 'olderThanDays must be 0 or more' })
  @Max(36500, { message: 'olderThanDays must be at most 36500' })
  olderThanDays?: number;
}
