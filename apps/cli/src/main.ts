#!/usr/bin/env node
import { Command } from 'commander';
import { matchCommand } from './commands/match.command';
import { rulesCommand } from './commands/rules.command';
import { rulesCoverageCommand } from './commands/rules-coverage.command';
import { rulesDiffCommand } from './commands/rules-diff.command';
import { sandboxCommand } from './commands/sandbox.command';
import { screenCommand } from './commands/screen.command';

/** Commands that work on the database run inside a Nest application context (./admin); the rest never load Nest. */
const DATABASE_COMMANDS = ['users', 'screenings'];

async function main(): Promise<void> {
  if (DATABASE_COMMANDS.includes(process.argv[2])) {
    const { runAdminCommand } = await import('./admin/admin-cli');
    await runAdminCommand();
    return;
  }
  const program = new Command('gd-policy-match')
    .description('Guangdong industrial-policy eligibility engine: command line')
    .showHelpAfterError();
  program.addCommand(matchCommand());
  program.addCommand(rulesCommand().addCommand(rulesCoverageCommand()).addCommand(rulesDiffCommand()));
  program.addCommand(screenCommand());
  // Listed for --help only: `users …` is dispatched above, to the Nest application context.
  program.command('users').description('manage the users who sign in: users create|revoke|list (see users --help)');
  program
    .command('screenings')
    .description('finished screenings: screenings purge [--days N] (default SCREENING_RETENTION_DAYS, 90)');
  program.addCommand(sandboxCommand());
  await program.parseAsync(process.argv);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
