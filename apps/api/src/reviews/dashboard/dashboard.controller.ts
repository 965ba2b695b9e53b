import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import type { Response } from 'express';
import { Allow } from '../../auth/access.decorators';
import { RequestLang } from '../../common/lang';
import { ApiDownloadResponse, ApiErrors, SIGNED_IN_ERRORS } from '../../openapi/api-responses';
import { CasePolicy } from '../cases/case.policy';
import { dashboardCsv, dashboardXlsx } from './dashboard-export';
import { DashboardQueryDto } from './dashboard-query.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Allow(CasePolicy.dashboard)
  @ApiOperation({
    summary:
      'Cases by status and age; per measure, city and park: applied, confirmed, rejected, paid and 兑现率; median ' +
      'days to decision. format=csv (one table) or xlsx (all), Chinese headers unless lang=en (caseworker, admin)',
  })
  @ApiQuery({ type: DashboardQueryDto })
  @ApiDownloadResponse('The dashboard as JSON, or its tables as CSV or XLSX', ['Dashboard'])
  @ApiErrors([400])
  async get(@Query() query: DashboardQueryDto, @RequestLang() lang: Lang, @Res({ passthrough: true }) res: Response) {
    const d = await this.dashboard.build(lang);
    const { format = 'json', table = 'measure' } = query;
    if (format === 'json') return d;
    const stamp = d.generatedAt.slice(0, 10);
    if (format === 'xlsx') {
      res.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="dashboard-${stamp}.xlsx"`,
      });
      return new StreamableFile(await dashboardXlsx(d, lang));
    }
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="dashboard-${table}-${stamp}.csv"`,
    });
    return new StreamableFile(dashboardCsv(d, table, lang));
  }
}
