import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { ProfileDto } from '../../match/dto/profile.dto';

export class CreateSubmissionDto {
  @ApiProperty({ type: ProfileDto, description: 'The enterprise profile (CONTRACT §1)' })
  @IsDefined({ message: 'not-object' }) @IsObject({ message: 'not-object' })
  @ValidateNested() @Type(() => ProfileDto)
  profile: ProfileDto;
}
