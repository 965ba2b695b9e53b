import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { UserPolicy } from '../auth/policies/user.policy';
import { UuidParam } from '../common/uuid-param';
import { ApiErrors, ApiJsonResponse, BODY_ERRORS, SIGNED_IN_ERRORS } from '../openapi/api-responses';
import { CreateUserDto } from './dto/create-user.dto';
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
  create(@Body() body: CreateUserDto): Promise<CreatedUser> {
    return this.users.create(body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke a user's token, effective on the next request (admin)" })
  @ApiJsonResponse(200, 'UserView', 'The user, revoked')
  @ApiErrors([400], { 400: 'The id is not a UUID', 404: 'No user with that id' })
  revoke(@Param('id', UuidParam) id: string): Promise<UserView> {
    return this.users.revoke(id);
  }
}
