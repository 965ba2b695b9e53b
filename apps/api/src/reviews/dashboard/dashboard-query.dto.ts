import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DASHBOARD_TABLES, DashboardTable } from './dashboard-export';

export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: DASHBOARD_TABLES, default: 'measure', description: 'which table a CSV holds' })
  @IsOptional()
  @IsIn(DASHBOARD_TABLES, { message: `table must be one of: ${DASHBOARD_TABLES.join(', ')}` })
  table?: DashboardTable;

  @ApiPropertyOptional({ enum: ['zh', 'en'], description: 'headers and titles: Chinese (default) or English' })
  @IsOptional()
  @IsIn(['zh', 'en'], { message: 'lang must be zh or en' })
  lang?: 'zh' | 'en';
}
