import {
  BadRequestException, Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { parseInput } from '../auth/parse-input';
import { UserPolicy } from '../auth/policies/user.policy';
import { CreateUserDto } from './dto/create-user.dto';
import { UserError } from './users.errors';
import { UsersService, UserView } from './users.service';

/** What an admin needs over HTTP; `npm run cli -- users …` does the same on the server. */
@ApiTags('access')
@ApiBearerAuth()
@Allow(UserPolicy.manage)
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user (admin)' })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a user; the token is in this response only (admin)' })
  @ApiBody({ type: CreateUserDto })
  create(@Body() body: Record<string, unknown>): Promise<{ user: UserView; token: string }> {
    return this.users.create(parseInput(CreateUserDto, body)).catch(toHttp);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke a user's token, effective on the next request (admin)" })
  revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserView> {
    return this.users.revoke(id).catch(toHttp);
  }
}

function toHttp(e: unknown): never {
  if (!(e instanceof UserError)) throw e;
  switch (e.code) {
    case 'invalid-user': throw new BadRequestException({ message: e.message, errors: { [e.field ?? 'user']: [e.message] } });
    case 'name-taken': throw new ConflictException({ message: e.message, errors: { name: [e.message] } });
    case 'user-not-found': throw new NotFoundException(e.message);
  }
}
