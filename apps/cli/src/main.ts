#!/usr/bin/env node
import { Command } from 'commander';
import { matchCommand } from './commands/match.command';
import { rulesCommand } from './commands/rules.command';
import { rulesCoverageCommand } from './commands/rules-coverage.command';
import { rulesDiffCommand } from './commands/rules-diff.command';
import { sandboxCommand } from './commands/sandbox.command';
import { screenCommand } from './commands/screen.command';
import { usersCommand } from './commands/users.command';

async function main(): Promise<void> {
  const program = new Command('gd-policy-match')
    .description('Guangdong industrial-policy eligibility engine: command line')
    .showHelpAfterError();
  program.addCommand(matchCommand());
  program.addCommand(rulesCommand().addCommand(rulesCoverageCommand()).addCommand(rulesDiffCommand()));
  program.addCommand(screenCommand());
  program.addCommand(usersCommand());
  program.addCommand(sandboxCommand());
  await program.parseAsync(process.argv);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
