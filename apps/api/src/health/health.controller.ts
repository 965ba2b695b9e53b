import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { ApiErrors, ApiJsonResponse } from '../openapi/api-responses';
import { RulePackService } from '../rule-pack/rule-pack.service';

/** `GET /health` when the service and its database answer. */
export interface HealthReport {
  status: 'ok';
  rulePackVersion: string;
  /** Measures in the loaded rule pack. */
  measures: number;
  database: 'sqlite' | 'postgres';
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource, private readonly rules: RulePackService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiJsonResponse(200, 'HealthReport', 'The service answers and so does its database')
  @ApiErrors([401, 429, 500, 503], { 503: 'The database does not answer' })
  async check(): Promise<HealthReport> {
    const database = this.db.options.type as HealthReport['database'];
    const body = { rulePackVersion: this.rules.version, measures: this.rules.compiled.measures.length, database };
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ message: 'database unreachable', status: 'down', ...body });
    }
    return { status: 'ok', ...body };
  }
}
