import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { addFieldError, EnterpriseProfile, FieldErrors, Lang, renderFieldError, validateProfile } from '@app/engine';
import { InvalidInputError } from '../../common/errors';
import { ValidatedByEngine } from '../../common/validation';
import { ProfileDto } from '../../match/dto/profile.dto';

@ValidatedByEngine()
export class CreateSubmissionDto {
  @ApiProperty({ type: ProfileDto, description: 'The enterprise profile (CONTRACT §1)' })
  profile: ProfileDto;
}

export interface ValidSubmission {
  profile: EnterpriseProfile;
}

/**
 * `{ profile }`: the wrapper's keys are checked here, the profile by the engine's validateProfile (as ProfilePipe).
 * Profile fields are named as on /api/match (`revenue`, not `profile.revenue`).
 */
@Injectable()
export class SubmissionPipe implements PipeTransform<unknown, ValidSubmission> {
  transform(value: unknown): ValidSubmission {
    const body =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const extra = Object.keys(body).filter((k) => k !== 'profile');
    const wrapperErrors = (lang: Lang): FieldErrors => {
      const errors: FieldErrors = {};
      for (const k of extra)
        addFieldError(errors, k, lang === 'zh' ? `未知字段 ${k}` : `${k} is not an accepted field`);
      return errors;
    };
    const profile = body.profile;
    if (profile === undefined || profile === null) {
      throw new InvalidInputError((lang) => ({
        ...wrapperErrors(lang),
        profile: [renderFieldError('profile', 'not-object', lang)],
      }));
    }
    const checked = validateProfile(profile, 'zh');
    if (checked.profile && extra.length === 0) return { profile: checked.profile };
    throw new InvalidInputError((lang) => ({ ...wrapperErrors(lang), ...validateProfile(profile, lang).errors }));
  }
}
