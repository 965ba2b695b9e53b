import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import {
  buildCoverageReport,
  CoverageReport,
  defaultCoverageDir,
  defaultCoverageMarkdownPath,
  defaultRulesDir,
  loadCoverageSpecs,
  loadRulePack,
  RulePackError,
  renderCoverageMarkdown,
  renderCoverageText,
} from '@app/engine';

/**
 * `rules coverage`: per document and section, the measures citing it or why it was left out.
 * `--markdown` prints the Markdown committed as docs/rule-coverage.md, `--write` rewrites that file,
 * `--check` fails when the file is out of date. Exit code 1 on any coverage problem.
 */
export function rulesCoverageCommand(): Command {
  return new Command('coverage')
    .description('show, per document and section, the measures citing it and the sections left out with the reason')
    .option('--markdown', 'print the Markdown report (as committed in docs/rule-coverage.md)')
    .option('--write', 'write the Markdown report to docs/rule-coverage.md')
    .option('--check', 'fail when docs/rule-coverage.md differs from the rule pack')
    .action((opts: { markdown?: boolean; write?: boolean; check?: boolean }) => {
      const report = coverageReport();
      if (!report) return;
      const file = defaultCoverageMarkdownPath();
      const markdown = renderCoverageMarkdown(report);
      if (opts.write) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, markdown);
        console.log(`rules coverage: wrote ${path.relative(process.cwd(), file)}`);
      } else if (opts.check) {
        const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        if (current !== markdown) {
          console.error(
            `rules coverage: ${path.relative(process.cwd(), file)} is out of date; run \`npm run cli -- rules coverage --write\``,
          );
          process.exitCode = 1;
        } else console.log(`rules coverage: ${path.relative(process.cwd(), file)} is up to date`);
      } else if (opts.markdown) process.stdout.write(markdown);
      else console.log(renderCoverageText(report));
      if (report.problems.length > 0) {
        for (const p of report.problems) console.error(`✗ ${p}`);
        process.exitCode = 1;
      }
    });
}

function coverageReport(): CoverageReport | null {
  try {
    const pack = loadRulePack();
    const { specs, problems } = loadCoverageSpecs(defaultCoverageDir(defaultRulesDir()));
    const report = buildCoverageReport(pack, specs);
    return { ...report, problems: [...problems, ...report.problems] };
  } catch (e) {
    if (e instanceof RulePackError) {
      console.error(e.message);
      process.exitCode = 1;
      return null;
    }
    throw e;
  }
}
