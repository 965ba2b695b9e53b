import * as fs from 'node:fs';
import { Command } from 'commander';
import {
  BatchFileError,
  impactDigest,
  impactOfFile,
  openTenantFile,
  PopulationImpact,
  TenantFile,
  writeChangesFile,
} from '@app/batch';
import {
  applyScenario,
  compilePack,
  diffPacks,
  isIsoDate,
  Lang,
  RulePackError,
  ScenarioError,
  ScenarioPack,
  todayInShanghai,
} from '@app/engine';
import { diffLines, impactLines } from './impact-print';
import { PackSourceError, resolvePack } from './pack-source';

interface SandboxOptions {
  out: string;
  lang: string;
  asOf?: string;
  base?: string;
  json?: boolean;
}

/**
 * `sandbox <scenario.json> <population.csv|xlsx> --out <changes.xlsx|csv>`: the scenario applied to its base pack
 * (its `base`, or --base, or the current rules), both run over the tenant file with the compiled evaluators, and
 * one row per tenant whose outcome changes written out. Exit 2 for a bad scenario or an unreadable file.
 */
export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description('what-if: run a scenario and its base pack over a tenant file and list who gains and who loses')
    .argument('<scenario>', 'scenario JSON: { name, base?, changes: [...] } (README: "Policy sandbox")')
    .argument('<population>', 'tenant file: CSV (UTF-8, GB18030) or XLSX, headers as in CONTRACT §4')
    .requiredOption('--out <file>', 'per-tenant changes: .xlsx (with a summary sheet) or .csv')
    .option('--as-of <date>', 'judge validity at this date, YYYY-MM-DD (default: today, Asia/Shanghai)')
    .option(
      '--base <pack>',
      'the base pack: a folder, a stored version, or "current" (default: the scenario\'s base, else current)',
    )
    .option('--lang <lang>', 'zh (default) or en', 'zh')
    .option('--json', 'print the totals as JSON')
    .action(async (scenarioFile: string, population: string, opts: SandboxOptions) => {
      process.exitCode = await runSandbox(scenarioFile, population, opts);
    });
}

async function runSandbox(scenarioFile: string, population: string, opts: SandboxOptions): Promise<number> {
  const started = Date.now();
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
    return fail(`--as-of must be a date written YYYY-MM-DD (got "${opts.asOf as string}")`);
  const asOf = opts.asOf ?? todayInShanghai();
  const applied = await scenarioOf(scenarioFile, opts.base, lang);
  if (typeof applied === 'number') return applied;
  let tenants: TenantFile;
  try {
    tenants = await openTenantFile(population);
  } catch (e) {
    if (e instanceof BatchFileError) return fail(`${population}: ${e.describe(lang)}`);
    throw e;
  }
  const base = compilePack(applied.base);
  const scenario = compilePack(applied.pack);
  const impact = new PopulationImpact(base, scenario, { asOf, lang, touched: applied.touched });
  const { rejected } = await impactOfFile(tenants, impact, lang);
  const report = impact.report();
  const titles = new Map([...base.measures, ...scenario.measures].map((m) => [m.measure.id, m.measure.title[lang]]));
  await writeChangesFile(report, titles, lang, opts.out);
  const seconds = (Date.now() - started) / 1000;
  if (opts.json) {
    const { tenants: changed, ...totals } = report;
    console.log(
      JSON.stringify(
        {
          name: applied.definition.name,
          ...totals,
          changedTenants: changed.length,
          rejectedRows: rejected,
          digest: impactDigest(report),
          out: opts.out,
          seconds,
          ...(process.env.GDPM_REPORT_RSS ? benchFigures() : {}),
        },
        null,
        2,
      ),
    );
  } else {
    const zh = lang === 'zh';
    console.log(
      [
        zh ? `情景“${applied.definition.name}”` : `Scenario "${applied.definition.name}"`,
        ...diffLines(diffPacks(applied.base, applied.pack, lang), lang),
        '',
        ...impactLines(report, lang, titles),
        zh
          ? `变化明细（${report.tenants.length} 家企业）：${opts.out}（${seconds.toFixed(1)} 秒）`
          : `Changes (${report.tenants.length} tenants): ${opts.out} (${seconds.toFixed(1)} s)`,
      ].join('\n'),
    );
  }
  return 0;
}

/** For the bench: this process's peak RSS and CPU time (user + system), which a loaded machine inflates less than wall time. */
function benchFigures(): { peakRssMb: number; cpuSeconds: number } {
  const usage = process.resourceUsage();
  return { peakRssMb: Math.round(usage.maxRSS / 1024), cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
}

/** The scenario file applied to its base, or an exit code after saying what is wrong. */
async function scenarioOf(file: string, baseOption: string | undefined, lang: Lang): Promise<ScenarioPack | number> {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const ref = baseOption ?? (typeof input?.base === 'string' ? input.base : 'current');
    const base = await resolvePack(ref);
    return applyScenario(base, { ...input, base: base.version }, lang);
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(JSON.stringify({ message: e.message, errors: e.errors }, null, 2));
      return 2;
    }
    if (e instanceof PackSourceError || e instanceof RulePackError) return fail(e.message);
    throw e;
  }
}

function fail(message: string): number {
  console.error(`sandbox: ${message}`);
  return 2;
}
