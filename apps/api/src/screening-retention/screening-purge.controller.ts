import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { ScreeningPolicy } from '../auth/policies/screening.policy';
import { ApiErrors, ApiJsonResponse, SIGNED_IN_ERRORS } from '../openapi/api-responses';
import { PurgeQueryDto } from './dto/purge-query.dto';
import { PurgeResult, ScreeningPurgeService } from './screening-purge.service';

/** Retention of screening data (admin); `npm run cli -- screenings purge` does the same on the server. */
@ApiTags('screenings')
@ApiBearerAuth()
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/screenings')
export class ScreeningPurgeController {
  constructor(private readonly purges: ScreeningPurgeService) {}

  @Post('purge')
  @HttpCode(200)
  @Allow(ScreeningPolicy.purge)
  @ApiOperation({
    summary: 'Purge finished screenings older than N days with their rows and files (admin)',
  })
  @ApiJsonResponse(200, 'PurgeResult', 'What was removed')
  @ApiErrors([400], { 400: 'olderThanDays is not a whole number from 0 to 36500' })
  purge(@Query() { olderThanDays }: PurgeQueryDto): Promise<PurgeResult> {
    return this.purges.purge(olderThanDays);
  }
}
