import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { BatchFileError, impactOfFile, openTenantFile, PopulationImpact, ImpactReport } from '@app/batch';
import {
  compilePack,
  CompiledPack,
  defaultFixturesDir,
  defaultRulesDir,
  diffPacks,
  FIXTURE_AS_OF,
  fixtureRegression,
  FixtureOutcomeChange,
  isIsoDate,
  Lang,
  loadFixtureFiles,
  OutcomeBrief,
  RulePackError,
} from '@app/engine';
import { diffLines, impactLines, statusWord } from './impact-print';
import { PackSourceError, resolvePack } from './pack-source';

interface DiffOptions {
  lang: string;
  asOf?: string;
  population?: string;
  json?: boolean;
}

/** The committed reference population (a few hundred synthetic tenants): every diff runs it under both packs. */
export function referencePopulation(): string {
  return path.join(path.dirname(defaultRulesDir()), 'fixtures', 'populations', 'reference.csv');
}

/**
 * `rules diff <a> <b>`: the measures added, removed and changed from pack a to pack b, in words; then every rule
 * fixture profile and the reference population run under both packs, listing each whose outcome changed.
 */
export function rulesDiffCommand(): Command {
  return new Command('diff')
    .description(
      'compare two rule packs: changes in words, and the fixture cases and reference tenants whose outcome changes',
    )
    .argument('<a>', 'a rule pack folder, a stored version (or prefix), or "current"')
    .argument('<b>', 'the same, for the other side')
    .option('--lang <lang>', 'zh (default) or en', 'zh')
    .option(
      '--as-of <date>',
      `the date the reference population is judged at (default ${FIXTURE_AS_OF}, the fixtures' date)`,
    )
    .option(
      '--population <file>',
      'another tenant file to run under both packs (default fixtures/populations/reference.csv)',
    )
    .option('--json', 'print everything as JSON')
    .action(async (a: string, b: string, opts: DiffOptions) => {
      process.exitCode = await runDiff(a, b, opts);
    });
}

async function runDiff(a: string, b: string, opts: DiffOptions): Promise<number> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  const asOf = opts.asOf ?? FIXTURE_AS_OF;
  if (!isIsoDate(asOf)) return fail(`--as-of must be a date written YYYY-MM-DD (got "${opts.asOf}")`);
  let packs;
  try {
    packs = await Promise.all([resolvePack(a), resolvePack(b)]);
  } catch (e) {
    if (e instanceof PackSourceError || e instanceof RulePackError) return fail(e.message);
    throw e;
  }
  const [from, to] = packs.map(compilePack);
  const diff = diffPacks(packs[0], packs[1], lang);
  const fixtures = fixtureRegression(from, to, loadFixtureFiles(defaultFixturesDir(defaultRulesDir())), lang);
  const file = opts.population ?? referencePopulation();
  let population: ImpactReport | null;
  try {
    population = fs.existsSync(file) ? await populationImpact(from, to, file, asOf, lang) : null;
  } catch (e) {
    if (e instanceof BatchFileError) return fail(`${file}: ${e.describe(lang)}`);
    throw e;
  }
  if (opts.json)
    console.log(JSON.stringify({ diff, fixtures, population: population && { file, ...population } }, null, 2));
  else console.log(report(diff, fixtures, population, file, from, to, lang).join('\n'));
  return 0;
}

async function populationImpact(
  from: CompiledPack,
  to: CompiledPack,
  file: string,
  asOf: string,
  lang: Lang,
): Promise<ImpactReport> {
  const impact = new PopulationImpact(from, to, { asOf, lang });
  await impactOfFile(await openTenantFile(file), impact, lang);
  return impact.report();
}

function report(
  diff: ReturnType<typeof diffPacks>,
  fixtures: FixtureOutcomeChange[],
  population: ImpactReport | null,
  file: string,
  from: CompiledPack,
  to: CompiledPack,
  lang: Lang,
): string[] {
  const zh = lang === 'zh';
  const titles = new Map([...from.measures, ...to.measures].map((m) => [m.measure.id, m.measure.title[lang]]));
  const out = [
    ...diffLines(diff, lang),
    '',
    zh
      ? `规则用例（fixtures/rules）中结果改变的：${fixtures.length} 个`
      : `Rule fixture cases whose outcome changes: ${fixtures.length}`,
  ];
  for (const c of fixtures) {
    out.push(`  ${c.failuresUnderB.length ? '✗' : '·'} ${c.file}: ${c.name} (${c.asOf})`);
    for (const x of c.changes) out.push(`      ${x.measureId}: ${brief(x.before, lang)} → ${brief(x.after, lang)}`);
    if (c.failuresUnderB.length)
      out.push(
        zh
          ? '      用例的预期在新规则下不成立：修改规则时须一并更新此用例'
          : '      its expectations fail under the new pack: update the fixture with the rule',
      );
  }
  out.push('');
  if (!population) return [...out, zh ? `（没有参考企业名单 ${file}）` : `(no reference population at ${file})`];
  const shown = path.relative(process.cwd(), file) || file;
  out.push(
    zh
      ? `参考企业名单 ${shown}：结果改变的 ${population.tenants.length} 家`
      : `Reference population ${shown}: ${population.tenants.length} tenants' outcome changes`,
  );
  out.push(...impactLines(population, lang, titles).map((l) => `  ${l}`));
  for (const t of population.tenants) {
    const changes = t.statusChanges.map(
      (s) => `${s.measureId}: ${statusWord(s.before, lang)} → ${statusWord(s.after, lang)}`,
    );
    out.push(
      `  ${zh ? `第 ${t.row} 行` : `row ${t.row}`} ${t.name ?? ''}: ${changes.join('; ') || (zh ? '估算金额变化' : 'estimate changes')}`,
    );
  }
  return out;
}

function brief(o: OutcomeBrief, lang: Lang): string {
  const zh = lang === 'zh';
  if (o.status === 'absent') return zh ? '（无此措施）' : '(no such measure)';
  const status = {
    eligible: ['符合', 'eligible'],
    needs_info: ['需补充信息', 'needs info'],
    ineligible: ['不符合', 'ineligible'],
  }[o.status][zh ? 0 : 1];
  const extras = [
    o.inForce ? '' : zh ? '未生效' : 'not in force',
    o.nearMiss ? (zh ? '接近符合' : 'near miss') : '',
    o.estimate !== null ? (zh ? `估算 ${o.estimate} 元` : `estimate ${o.estimate} yuan`) : '',
  ].filter(Boolean);
  return extras.length ? `${status}（${extras.join('，')}）` : status;
}

function fail(message: string): number {
  console.error(`rules diff: ${message}`);
  return 2;
}
