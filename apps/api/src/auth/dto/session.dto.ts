import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateSessionDto {
  @ApiProperty({ description: 'The token `npm run cli -- users create` printed' })
  @IsString({ message: 'token must be text' })
  @Length(1, 200, { message: 'token must be 1 to 200 characters' })
  token: string;
}
