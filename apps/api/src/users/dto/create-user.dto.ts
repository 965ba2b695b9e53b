import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES } from '../../auth/principal';

export class CreateUserDto {
  @ApiProperty({ maxLength: 100 })
  @IsString({ message: 'name must be text' })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role: string;

  @ApiPropertyOptional({ description: 'Required for a park-admin: the one park it administers' })
  @IsOptional()
  @IsString({ message: 'parkId must be text' })
  @Length(1, 100, { message: 'parkId must be 1 to 100 characters' })
  parkId?: string;
}
