import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { RulePackService } from '../rule-pack/rule-pack.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource, private readonly rules: RulePackService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async check(@Res({ passthrough: true }) res: Response) {
    const body = { rulePackVersion: this.rules.version, measures: this.rules.compiled.measures.length, database: this.db.options.type };
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
