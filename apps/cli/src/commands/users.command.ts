import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../api/src/config/app-config';
import { dataSourceOptions } from '../../../api/src/database/data-source-options';
import { UserEntity } from '../../../api/src/users/user.entity';
import { UserError } from '../../../api/src/users/users.errors';
import { UsersService } from '../../../api/src/users/users.service';

/**
 * `users create|revoke|list`: the same UsersService as the API, on the same database (SQLITE_PATH or
 * DATABASE_URL, read by the same loadConfig). Opening the database runs any pending migrations first.
 */
export function usersCommand(): Command {
  const users = new Command('users').description('manage the users who sign in (admin, caseworker, park-admin)');
  users.command('create').description("create a user; prints the user's token on the last line (shown only this once)")
    .argument('<name>', 'a unique name')
    .requiredOption('--role <role>', 'admin, caseworker or park-admin')
    .option('--park <parkId>', 'the park a park-admin administers (required for park-admin)')
    .action((name: string, opts: { role: string; park?: string }) => withUsers(async (sut) => {
      const { user, token } = await sut.create({ name, role: opts.role, parkId: opts.park });
      console.log(`created ${user.role} "${user.name}"${user.parkId ? ` for park ${user.parkId}` : ''} (id ${user.id})`);
      console.log('token (shown only now; send it as "Authorization: Bearer <token>" or paste it on /signin.html):');
      console.log(token);
    }));
  users.command('revoke').description("revoke a user's token; effective on the next request").argument('<name>', 'the user name or id')
    .action((name: string) => withUsers(async (sut) => {
      const user = await sut.revoke(name);
      console.log(`revoked "${user.name}" at ${user.revokedAt}`);
    }));
  users.command('list').description('list users (never their tokens)')
    .action(() => withUsers(async (sut) => {
      for (const u of await sut.list()) {
        console.log([u.name, u.role, u.parkId ?? '-', u.revokedAt ? `revoked ${u.revokedAt}` : 'active', u.id].join('\t'));
      }
    }));
  return users;
}

async function withUsers(fn: (sut: UsersService) => Promise<void>): Promise<void> {
  const db = new DataSource({ ...dataSourceOptions(loadConfig()), logging: false });
  await db.initialize();
  try {
    await fn(new UsersService(db.getRepository(UserEntity)));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.error(`users: ${e.message}`);
    process.exitCode = 2;
  } finally {
    await db.destroy();
  }
}
