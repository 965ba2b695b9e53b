import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/access.decorators';
import { SandboxPolicy } from '../auth/policies/sandbox.policy';
import { ScreeningEntity } from '../screenings/entities/screening.entity';
import { screeningAsOf } from '../screenings/screening-as-of';
import { ApiErrors, ApiJsonResponse, SIGNED_IN_ERRORS } from '../openapi/api-responses';

export interface ScreeningChoice {
  id: string;
  fileName: string;
  parkId: string | null;
  screened: number;
  asOf: string;
  createdAt: string;
}

/** What a scenario can be run on: the finished screenings of every park (the sandbox page's list to pick from). */
@ApiTags('sandbox')
@ApiBearerAuth()
@ApiErrors([...SIGNED_IN_ERRORS])
@Controller('api/sandbox')
export class SandboxPopulationsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('screenings')
  @Allow(SandboxPolicy.use)
  @ApiOperation({
    summary: 'Finished screenings of every park, newest first: populations a scenario can run on (caseworker, admin)',
  })
  @ApiJsonResponse(200, 'ScreeningChoice', 'The finished screenings', 'array')
  async screenings(): Promise<ScreeningChoice[]> {
    const rows = await this.db.getRepository(ScreeningEntity).find({
      select: { id: true, fileName: true, parkId: true, screened: true, asOf: true, createdAt: true },
      where: { status: 'done' },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map((s) => ({
      id: s.id,
      fileName: s.fileName,
      parkId: s.parkId,
      screened: s.screened,
      asOf: screeningAsOf(s),
      createdAt: s.createdAt,
    }));
  }
}
