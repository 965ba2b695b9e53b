import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { UserPolicy } from '../auth/policies/user.policy';
import { UuidParam } from '../common/uuid-param';
import { CreateUserDto } from './dto/create-user.dto';
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
  create(@Body() body: CreateUserDto): Promise<{ user: UserView; token: string }> {
    return this.users.create(body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke a user's token, effective on the next request (admin)" })
  revoke(@Param('id', UuidParam) id: string): Promise<UserView> {
    return this.users.revoke(id);
  }
}
