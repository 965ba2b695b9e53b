import { Body, Controller, Get, Headers, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@app/engine';
import type { Request } from 'express';
import { CurrentActor, Public } from '../auth/access.decorators';
import { SubmissionPolicy } from '../auth/policies/submission.policy';
import type { Actor } from '../auth/principal';
import { RequestLang } from '../common/lang';
import { UuidParam } from '../common/uuid-param';
import { ANONYMOUS_ERRORS, ApiErrors, ApiJsonResponse, BODY_ERRORS } from '../openapi/api-responses';
import {
  CreateSubmissionDto,
  ProfileUpdatePipe,
  SubmissionPipe,
  UpdateSubmissionDto,
  ValidSubmission,
} from './dto/create-submission.dto';
import { SubmissionNotFoundError } from './submission.errors';
import { SubmissionReceipt, SubmissionsService, SubmissionView } from './submissions.service';

@ApiTags('submissions')
@ApiErrors(ANONYMOUS_ERRORS)
@Public()
@Controller('api/submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @ApiOperation({
    summary:
      "Save a company's profile with its match result; returns the id and a receipt token. With `application` " +
      '(measures and a contact) it also opens one review case for those measures and returns its caseId',
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
  @ApiJsonResponse(
    201,
    'SubmissionReceipt',
    'Saved: the id and the receipt token (shown this once) with the match result',
  )
  @ApiErrors(BODY_ERRORS)
  create(
    @Body(SubmissionPipe) dto: CreateSubmissionDto,
    @Req() req: Request,
    @RequestLang() lang: Lang,
  ): Promise<SubmissionReceipt> {
    // Stored exactly as submitted (the raw body's profile), matched on the validated one.
    const valid = dto as unknown as ValidSubmission;
    return this.submissions.create((req.body as { profile: unknown }).profile, valid.profile, lang, valid.application);
  }

  @Put(':id')
  @ApiOperation({
    summary:
      'A new version of the profile (receipt holder): matched again; its review case gets the version and, ' +
      'unless decided, returns to the queue',
  })
  @ApiHeader({ name: 'X-Receipt-Token', required: true })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
  @ApiJsonResponse(200, 'SubmissionView', 'The submission with its new profile, result and case')
  @ApiErrors(BODY_ERRORS, { 404: 'Unknown id or wrong receipt token (indistinguishable on purpose)' })
  update(
    @Param('id', UuidParam) id: string,
    @Body(ProfileUpdatePipe) dto: UpdateSubmissionDto,
    @Req() req: Request,
    @RequestLang() lang: Lang,
    @Headers('x-receipt-token') header?: string,
  ): Promise<SubmissionView> {
    const valid = dto as unknown as ValidSubmission;
    return this.submissions.update(id, header, (req.body as { profile: unknown }).profile, valid.profile, lang);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Read a submission back with its receipt token (header X-Receipt-Token or ?receipt=); caseworkers need none',
  })
  @ApiHeader({ name: 'X-Receipt-Token', required: false })
  @ApiJsonResponse(200, 'SubmissionView', 'The profile as submitted and the result it got')
  @ApiErrors([400], {
    400: 'The id is not a UUID',
    404: 'Unknown id or wrong receipt token (indistinguishable on purpose)',
  })
  async get(
    @Param('id', UuidParam) id: string,
    @RequestLang() lang: Lang,
    @Headers('x-receipt-token') header?: string,
    @Query('receipt') query?: string,
    @CurrentActor() actor?: Actor,
  ): Promise<SubmissionView> {
    const view = SubmissionPolicy.readsAll(actor ?? null)
      ? await this.submissions.findById(id, lang)
      : await this.submissions.findWithReceipt(id, header ?? query, lang);
    if (!view) throw new SubmissionNotFoundError();
    return view;
  }
}
