import { Controller, Get, Param, ParseIntPipe, PipeTransform, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import { Allow } from '../auth/access.decorators';
import { ParkScoped } from '../auth/park-scope.guard';
import { ScreeningPolicy } from '../auth/policies/screening.policy';
import { InvalidInputError } from '../common/errors';
import { RequestLang } from '../common/lang';
import { UuidParam } from '../common/uuid-param';
import { ApiErrors, ApiJsonResponse, SIGNED_IN_ERRORS } from '../openapi/api-responses';
import { MeasureTenantsQueryDto } from './dto/screening-query.dto';
import { ScreeningEntity } from './entities/screening.entity';
import { MeasureTenantPage, ScreeningDrilldownService, TenantExplanation } from './screening-drilldown.service';
import { ScreeningNotFoundError } from './screening.errors';
import { ScreeningsService } from './screenings.service';

/** `:row`: a file row number (2 or more: row 1 holds the headers), else a 400 naming `row`. */
const RowParam = new ParseIntPipe({
  exceptionFactory: () => rowError(),
});
const rowError = () =>
  new InvalidInputError((lang) => ({
    row: [
      lang === 'zh'
        ? 'row 须为文件中的行号（正整数）'
        : 'row must be a row number of the file (a positive whole number)',
    ],
  }));
const RowRange: PipeTransform<number, number> = {
  transform: (row) => {
    if (row < 1 || row > 2_147_483_647) throw rowError();
    return row;
  },
};

/** `:measureId`: a measure id as the rule pack writes them (kebab-case), else a 400 naming `measureId`. */
// eslint-disable-next-line no-useless-assignment -- used in @Param() below; the rule does not see parameter decorators
const MeasureIdParam: PipeTransform<string, string> = {
  transform: (id) => {
    if (/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) return id;
    throw new InvalidInputError((lang) => ({
      measureId: [
        lang === 'zh'
          ? 'measureId 须为措施编号（小写字母、数字和 -）'
          : 'measureId must be a measure id (a-z, 0-9 and -)',
      ],
    }));
  },
};

const NOT_FOUND =
  'Unknown id, another park’s screening (indistinguishable on purpose), or no such row or measure in it';

/**
 * The screening page's drill-downs, with the same access as the other screening routes: park-admins read their
 * own park's screenings, caseworkers all; another park's id is a 404.
 */
@ApiTags('screenings')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/screenings')
export class ScreeningDrilldownController {
  constructor(
    private readonly screenings: ScreeningsService,
    private readonly drilldown: ScreeningDrilldownService,
  ) {}

  @Get(':id/tenants/:row')
  @Allow(ScreeningPolicy.read)
  @ParkScoped(() => ScreeningEntity, () => new ScreeningNotFoundError())
  @ApiOperation({
    summary: 'One tenant’s full match result, explained again from its stored profile at the screening’s asOf',
  })
  @ApiParam({ name: 'row', description: 'The tenant’s row number in the uploaded file', type: Number })
  @ApiJsonResponse(200, 'TenantExplanation', 'The tenant’s key fields, its profile as read and its match result')
  @ApiErrors([400], { 400: 'The id is not a UUID, or row is not a row number', 404: NOT_FOUND })
  async tenant(
    @Param('id', UuidParam) id: string,
    @Param('row', RowParam, RowRange) row: number,
    @RequestLang() lang: Lang,
  ): Promise<TenantExplanation> {
    return this.drilldown.explainTenant(await this.screenings.get(id), row, lang);
  }

  @Get(':id/measures/:measureId/tenants')
  @Allow(ScreeningPolicy.read)
  @ParkScoped(() => ScreeningEntity, () => new ScreeningNotFoundError())
  @ApiOperation({
    summary:
      'The tenants with one status (default eligible) for one measure, largest total estimated value first, paged',
  })
  @ApiJsonResponse(200, 'MeasureTenantPage', 'One page of the tenants and how many there are')
  @ApiErrors([400], { 400: 'The id is not a UUID, or a bad measureId, status, limit or offset', 404: NOT_FOUND })
  async measureTenants(
    @Param('id', UuidParam) id: string,
    @Param('measureId', MeasureIdParam) measureId: string,
    @Query() q: MeasureTenantsQueryDto,
    @RequestLang() lang: Lang,
  ): Promise<MeasureTenantPage> {
    return this.drilldown.measureTenants(
      await this.screenings.get(id),
      measureId,
      { status: q.status ?? 'eligible', offset: q.offset ?? 0, limit: q.limit ?? 50 },
      lang,
    );
  }
}
