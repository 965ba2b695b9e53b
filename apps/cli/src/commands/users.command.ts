import { Command } from 'commander';
import type { UsersService } from '../../../api/src/users/users.service';

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
  // Loaded here, not at the top: TypeORM and the API's modules cost ~0.3 s, which every other command
  // (match, screen, rules) would otherwise pay at start-up.
  const { DataSource } = await import('typeorm');
  const { loadConfig } = await import('../../../api/src/config/app-config');
  const { dataSourceOptions } = await import('../../../api/src/database/data-source-options');
  const { UserEntity } = await import('../../../api/src/users/user.entity');
  const { UserError } = await import('../../../api/src/users/users.errors');
  const { UsersService } = await import('../../../api/src/users/users.service');
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
