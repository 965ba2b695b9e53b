import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  async check() {
    const body = { rulePackVersion: this.rules.version, measures: this.rules.compiled.measures.length, database: this.db.options.type };
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ message: 'database unreachable', status: 'down', ...body });
    }
    return { status: 'ok', ...body };
  }
}
