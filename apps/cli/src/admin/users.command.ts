import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { UserError } from '@app/api/users/users.errors';
import { UsersService } from '@app/api/users/users.service';

/** A UserError (bad role, taken name, unknown user) is the caller's mistake: its reason on stderr, exit code 2. */
async function reportingUserErrors(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.error(`users: ${e.message}`);
    process.exitCode = 2;
  }
}

@SubCommand({
  name: 'create',
  arguments: '<name>',
  description: "create a user; prints the user's token on the last line (shown only this once)",
})
export class CreateUserCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run([name]: string[], opts: { role: string; park?: string }): Promise<void> {
    await reportingUserErrors(async () => {
      const { user, token } = await this.users.create({ name, role: opts.role, parkId: opts.park });
      console.log(
        `created ${user.role} "${user.name}"${user.parkId ? ` for park ${user.parkId}` : ''} (id ${user.id})`,
      );
      console.log('token (shown only now; send it as "Authorization: Bearer <token>" or paste it on /signin.html):');
      console.log(token); // CONTRACT §5: the token is the last line
    });
  }

  @Option({ flags: '--role <role>', description: 'admin, caseworker or park-admin', required: true })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--park <parkId>', description: 'the park a park-admin administers (required for park-admin)' })
  parsePark(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'revoke',
  arguments: '<name>',
  description: "revoke a user's token (by name or id); effective on the next request",
})
export class RevokeUserCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    await reportingUserErrors(async () => {
      const user = await this.users.revoke(name);
      console.log(`revoked "${user.name}" at ${user.revokedAt}`);
    });
  }
}

@SubCommand({ name: 'list', description: 'list users (never their tokens)' })
export class ListUsersCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run(): Promise<void> {
    for (const u of await this.users.list()) {
      console.log(
        [u.name, u.role, u.parkId ?? '-', u.revokedAt ? `revoked ${u.revokedAt}` : 'active', u.id].join('\t'),
      );
    }
  }
}

/**
 * `users create|revoke|list`: commands inside a Nest application context, with the API's own UsersService injected,
 * on the same database as the service (SQLITE_PATH or DATABASE_URL, read by the same loadConfig).
 */
@Command({
  name: 'users',
  description: 'manage the users who sign in (admin, caseworker, park-admin)',
  subCommands: [CreateUserCommand, RevokeUserCommand, ListUsersCommand],
})
export class UsersCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
