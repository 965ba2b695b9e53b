import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { DocumentsService } from './documents.service';

@ApiTags('rule pack')
@Public()
@Controller('api/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: 'The policy documents: title, number, issuers, dates, status' })
  list() {
    return this.documents.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document with its full text and the offsets of every cited passage' })
  get(@Param('id') id: string) {
    return this.documents.get(id);
  }
}
