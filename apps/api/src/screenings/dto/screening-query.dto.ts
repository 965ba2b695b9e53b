import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_OFFSET } from '../../common/validation';
import { TENANT_STATUSES, TenantStatus } from '../screening-drilldown.service';
import { SORT_COLUMNS, SortColumn } from '../screening-export.service';

export class CreateScreeningDto {
  /** The park the tenants belong to. A park-admin may only name its own park (or leave it out). */
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parkId?: string;

  /** YYYY-MM-DD: the date validity is judged at (default today, Asia/Shanghai). */
  @ApiPropertyOptional({ example: '2026-11-26' })
  @IsOptional()
  @IsString()
  asOf?: string;
}

export class RejectedQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx', 'json'])
  format?: 'csv' | 'xlsx' | 'json';

  @ApiPropertyOptional({ enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}

/** The results download: the rejected rows' format and language, plus paging and sorting for JSON. */
export class ResultsQueryDto extends RejectedQueryDto {
  /** JSON only: one page of tenants (for a table) instead of all of them. */
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({ enum: SORT_COLUMNS, default: 'rowNumber' })
  @IsOptional()
  @IsIn(SORT_COLUMNS)
  sort?: SortColumn;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  /** JSON pages only: part of a tenant's name, or the start of its credit code. */
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** A measure's tenant list: which status, and the page. */
export class MeasureTenantsQueryDto {
  @ApiPropertyOptional({ enum: TENANT_STATUSES, default: 'eligible' })
  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({ enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}
