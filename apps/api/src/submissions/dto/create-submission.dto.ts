import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { addFieldError, EnterpriseProfile, FieldErrors, Lang, renderFieldError, validateProfile } from '@app/engine';
import { InvalidInputError } from '../../common/errors';
import { ValidatedByEngine } from '../../common/validation';
import { ProfileDto } from '../../match/dto/profile.dto';
import { Application, applicationErrors, cleanApplication } from '../../reviews/cases/application';

class ContactDto {
  @ApiProperty({ maxLength: 100 })
  name: string;

  @ApiPropertyOptional({ description: '11-digit mobile number or a landline with its area code (020-12345678)' })
  phone?: string;

  @ApiPropertyOptional()
  email?: string;
}

/** 申报意向: the in-force entitlements and applications the company intends to claim, and whom to tell. */
class ApplicationDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 50 })
  measureIds: string[];

  @ApiProperty({ type: ContactDto, description: 'name and at least one of phone and email' })
  contact: ContactDto;
}

@ValidatedByEngine()
export class CreateSubmissionDto {
  @ApiProperty({ type: ProfileDto, description: 'The enterprise profile (CONTRACT §1)' })
  profile: ProfileDto;

  @ApiPropertyOptional({ type: ApplicationDto, description: 'Opens one review case for these measures' })
  application?: ApplicationDto;
}

/** `PUT /api/submissions/:id`: a new version of the profile. */
@ValidatedByEngine()
export class UpdateSubmissionDto {
  @ApiProperty({ type: ProfileDto, description: 'The enterprise profile (CONTRACT §1)' })
  profile: ProfileDto;
}

export interface ValidSubmission {
  profile: EnterpriseProfile;
  application?: Application;
}

/**
 * `{ profile }`: the wrapper's keys are checked here, the profile by the engine's validateProfile (as ProfilePipe).
 * Profile fields are named as on /api/match (`revenue`, not `profile.revenue`).
 */
@Injectable()
export class SubmissionPipe implements PipeTransform<unknown, ValidSubmission> {
  /** Whether the body may carry `application` (POST; a PUT changes only the profile). */
  protected readonly withApplication: boolean = true;

  transform(value: unknown): ValidSubmission {
    const body =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const extra = Object.keys(body).filter((k) => k !== 'profile' && (k !== 'application' || !this.withApplication));
    const hasApplication = this.withApplication && body.application !== undefined;
    const wrapperErrors = (lang: Lang): FieldErrors => {
      const errors: FieldErrors = {};
      for (const k of extra)
        addFieldError(errors, k, lang === 'zh' ? `未知字段 ${k}` : `${k} is not an accepted field`);
      return errors;
    };
    const appErrors = (lang: Lang): FieldErrors => (hasApplication ? applicationErrors(body.application, lang) : {});
    const profile = body.profile;
    if (profile === undefined || profile === null) {
      throw new InvalidInputError((lang) => ({
        ...wrapperErrors(lang),
        profile: [renderFieldError('profile', 'not-object', lang)],
        ...appErrors(lang),
      }));
    }
    const checked = validateProfile(profile, 'zh');
    const appOk = Object.keys(appErrors('zh')).length === 0;
    if (checked.profile && extra.length === 0 && appOk)
      return hasApplication
        ? { profile: checked.profile, application: cleanApplication(body.application as Record<string, unknown>) }
        : { profile: checked.profile };
    throw new InvalidInputError((lang) => ({
      ...wrapperErrors(lang),
      ...validateProfile(profile, lang).errors,
      ...appErrors(lang),
    }));
  }
}

/** `{ profile }` only. */
@Injectable()
export class ProfileUpdatePipe extends SubmissionPipe {
  protected override readonly withApplication = false;
}
