import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx', 'json'], { message: 'format must be csv, xlsx or json' })
  format?: 'csv' | 'xlsx' | 'json';

  @ApiPropertyOptional({ description: 'decisions on or after this date (YYYY-MM-DD, UTC)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'decisions on or before this date (YYYY-MM-DD, UTC)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['zh', 'en'], description: 'headers and values: Chinese (default) or English' })
  @IsOptional()
  @IsIn(['zh', 'en'], { message: 'lang must be zh or en' })
  lang?: 'zh' | 'en';
}
