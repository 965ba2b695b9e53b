import * as fs from 'node:fs';
import { Command } from 'commander';
import { compilePack, isIsoDate, Lang, loadRulePack, matchWithLadder, validateProfile } from '@app/engine';

/** `match <profile.json>`: the same result as POST /api/match, printed as JSON. */
export function matchCommand(): Command {
  return new Command('match')
    .description('match one enterprise profile (JSON file, or - for stdin) against every measure')
    .argument('<profile>', 'profile JSON file (CONTRACT §1), or - for standard input')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--status <status>', 'only print measures with this status (eligible, needs_info, ineligible)')
    .option('--as-of <date>', 'judge validity at this date, YYYY-MM-DD (default: today, Asia/Shanghai)')
    .action((file: string, opts: { lang: string; status?: string; asOf?: string }) => {
      const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
      if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
        console.error(`match: --as-of must be a date written YYYY-MM-DD (got "${opts.asOf as string}")`);
        process.exitCode = 2;
        return;
      }
      let input: unknown;
      try {
        input = JSON.parse(fs.readFileSync(file === '-' ? 0 : file, 'utf8'));
      } catch (e) {
        console.error(`match: cannot read ${file}: ${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const checked = validateProfile(input, lang);
      if (!checked.profile) {
        console.error(JSON.stringify({ message: 'invalid profile', errors: checked.errors }, null, 2));
        process.exitCode = 2;
        return;
      }
      const result = matchWithLadder(compilePack(loadRulePack()), checked.profile, { lang, asOf: opts.asOf });
      if (opts.status) result.results = result.results.filter((r) => r.status === opts.status);
      console.log(JSON.stringify(result, null, 2));
    });
}
