import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { RequestAsOf } from '../common/as-of';
import { ANONYMOUS_ERRORS, ApiErrors, ApiJsonResponse } from '../openapi/api-responses';
import { DocumentsService } from './documents.service';

@ApiTags('rule pack')
@Public()
@ApiQuery({
  name: 'asOf',
  required: false,
  type: String,
  description: 'YYYY-MM-DD: the date the status is judged at (default today, Asia/Shanghai)',
})
@ApiErrors([...ANONYMOUS_ERRORS, 400], { 400: 'asOf is not a date written YYYY-MM-DD' })
@Controller('api/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: 'The policy documents: title, number, issuers, dates, status' })
  @ApiJsonResponse(
    200,
    'DocumentListItem',
    'Every document with its status at asOf and how many measures cite it',
    'array',
  )
  list(@RequestAsOf() asOf: string) {
    return this.documents.list(asOf);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document with its full text and the offsets of every cited passage' })
  @ApiJsonResponse(200, 'DocumentView', 'The document, its full text and every cited passage')
  @ApiErrors([404], { 404: 'No document with that id' })
  get(@Param('id') id: string, @RequestAsOf() asOf: string) {
    return this.documents.get(id, asOf);
  }
}
