import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { ApiErrors, ApiJsonResponse } from '../openapi/api-responses';
import { RulePackService } from '../rule-pack/rule-pack.service';

/** `GET /health`: 200 with status ok, or 503 with status down and why, for a load balancer. */
export interface HealthReport {
  status: 'ok' | 'down';
  /** Why it is down. */
  message?: string;
  rulePackVersion: string;
  /** Measures in the loaded rule pack. */
  measures: number;
  database: 'sqlite' | 'postgres';
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly rules: RulePackService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiJsonResponse(200, 'HealthReport', 'The service answers and so does its database')
  @ApiJsonResponse(503, 'HealthReport', 'The database does not answer: status down')
  @ApiErrors([401, 429, 500])
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const database = this.db.options.type as HealthReport['database'];
    const body = { rulePackVersion: this.rules.version, measures: this.rules.compiled.measures.length, database };
    try {
      await this.db.query('SELECT 1');
    } catch {
      // Not an error of this request: a report that the service is down, for the load balancer.
      res.status(503);
      return { status: 'down', message: 'database unreachable', ...body };
    }
    return { status: 'ok', ...body };
  }
}
