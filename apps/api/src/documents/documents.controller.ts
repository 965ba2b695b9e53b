import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { RequestAsOf } from '../common/as-of';
import { DocumentsService } from './documents.service';

@ApiTags('rule pack')
@Public()
@ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: the date the status is judged at (default today, Asia/Shanghai)' })
@Controller('api/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: 'The policy documents: title, number, issuers, dates, status' })
  list(@RequestAsOf() asOf: string) {
    return this.documents.list(asOf);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document with its full text and the offsets of every cited passage' })
  get(@Param('id') id: string, @RequestAsOf() asOf: string) {
    return this.documents.get(id, asOf);
  }
}
