import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import { Public } from '../auth/access.decorators';
import { RequestAsOf } from '../common/as-of';
import { RequestLang } from '../common/lang';
import { ANONYMOUS_ERRORS, ApiErrors, ApiJsonResponse } from '../openapi/api-responses';
import { MeasuresService } from './measures.service';

@ApiTags('rule pack')
@ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
@ApiQuery({
  name: 'asOf',
  required: false,
  type: String,
  description: 'YYYY-MM-DD: the date validity is judged at (default today, Asia/Shanghai)',
})
@ApiErrors([...ANONYMOUS_ERRORS, 400], { 400: 'asOf is not a date written YYYY-MM-DD' })
@Public()
@Controller('api/measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get()
  @ApiOperation({ summary: 'Every measure of the rule pack, with citations and conditions in words' })
  @ApiJsonResponse(200, 'MeasureView', 'Every measure, its validity at asOf', 'array')
  list(@RequestLang() lang: Lang, @RequestAsOf() asOf: string) {
    return this.measures.list(lang, asOf);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One measure' })
  @ApiJsonResponse(200, 'MeasureView', 'The measure, its validity at asOf')
  @ApiErrors([404], { 404: 'No measure with that id' })
  get(@Param('id') id: string, @RequestLang() lang: Lang, @RequestAsOf() asOf: string) {
    return this.measures.get(id, lang, asOf);
  }
}
