import {
  BadRequestException, Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { parseInput } from '../auth/parse-input';
import { UserPolicy } from '../auth/policies/user.policy';
import { ApiErrors, ApiJsonResponse, BODY_ERRORS, SIGNED_IN_ERRORS } from '../openapi/api-responses';
import { CreateUserDto } from './dto/create-user.dto';
import { UserError } from './users.errors';
import { CreatedUser, UsersService, UserView } from './users.service';

/** What an admin needs over HTTP; `npm run cli -- users …` does the same on the server. */
@ApiTags('access')
@ApiBearerAuth()
@Allow(UserPolicy.manage)
@ApiErrors(SIGNED_IN_ERRORS)
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user (admin)' })
  @ApiJsonResponse(200, 'UserView', 'Every user, revoked ones too', 'array')
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a user; the token is in this response only (admin)' })
  @ApiBody({ type: CreateUserDto })
  @ApiJsonResponse(201, 'CreatedUser', 'The new user and its token (shown this once)')
  @ApiErrors(BODY_ERRORS, { 409: 'A user with that name exists' })
  create(@Body() body: Record<string, unknown>): Promise<CreatedUser> {
    return this.users.create(parseInput(CreateUserDto, body)).catch(toHttp);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke a user's token, effective on the next request (admin)" })
  @ApiJsonResponse(200, 'UserView', 'The user, revoked')
  @ApiErrors([400], { 400: 'The id is not a UUID', 404: 'No user with that id' })
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
