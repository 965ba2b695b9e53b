import { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  compilePack,
  defaultFixturesDir,
  defaultRulesDir,
  fixtureCoverageProblems,
  loadFixtureFiles,
  loadRulePack,
  packLintProblems,
  packSourceUrl,
  RulePackError,
  runAllFixtures,
  screenSourceText,
} from '@app/engine';

/**
 * `rules check` validates the pack (the same checks as start-up, plus lint); `rules test` runs the fixtures;
 * `rules compile` shows the JavaScript the pack is compiled into.
 */
export function rulesCommand(): Command {
  const rules = new Command('rules').description('validate the rule pack and run its fixtures');
  rules
    .command('check')
    .description('validate the rule pack: files, facts, operators, quotes, fixtures coverage')
    .action(() => {
      const pack = loadOrExit();
      const compiled = compilePack(pack);
      const problems = [
        ...packLintProblems(pack),
        ...fixtureCoverageProblems(compiled, loadFixtureFiles(defaultFixturesDir(defaultRulesDir()))),
      ];
      if (problems.length > 0) {
        for (const p of problems) console.error(`✗ ${p}`);
        console.error(`rules check: ${problems.length} problem(s)`);
        process.exitCode = 1;
        return;
      }
      console.log(
        `rules check: OK — ${pack.documents.length} documents, ${pack.measures.length} measures, version ${pack.version}`,
      );
    });
  rules
    .command('test')
    .description('run the rule fixtures under fixtures/rules/')
    .action(() => {
      const compiled = compilePack(loadOrExit());
      const outcomes = runAllFixtures(compiled, loadFixtureFiles(defaultFixturesDir(defaultRulesDir())));
      let failed = 0;
      for (const o of outcomes) {
        if (o.failures.length === 0) console.log(`✓ ${o.measure}: ${o.name}`);
        else {
          failed++;
          console.log(`✗ ${o.measure}: ${o.name}`);
          for (const f of o.failures) console.log(`    ${f}`);
        }
      }
      console.log(`${outcomes.length - failed} passed, ${failed} failed`);
      if (failed > 0) process.exitCode = 1;
    });
  rules
    .command('compile')
    .description('print (or write with --out) the JavaScript the rule pack compiles into: what batch screening runs')
    .option('--out <file>', 'write it to this file instead of standard output')
    .action((opts: { out?: string }) => {
      const compiled = compilePack(loadOrExit());
      const text = screenSourceText(compiled.screenSource);
      if (!opts.out) {
        process.stdout.write(text);
        return;
      }
      fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
      fs.writeFileSync(opts.out, text);
      const lines = text.split('\n').length;
      console.log(
        `rules compile: wrote ${opts.out} — ${compiled.measures.length} measures, ${lines} lines; ` +
          `stack traces name it ${packSourceUrl(compiled.pack.version)}, with the same line numbers`,
      );
    });
  return rules;
}

function loadOrExit() {
  try {
    return loadRulePack();
  } catch (e) {
    if (e instanceof RulePackError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}
