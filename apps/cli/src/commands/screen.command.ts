import * as path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import * as os from 'node:os';
import {
  BatchFileError,
  createFileSink,
  CsvFileSink,
  openTenantFile,
  screenCsvInChunks,
  screenRows,
  ScreeningSummary,
  SummaryJson,
  TenantFile,
  TenantScreener,
} from '@app/batch';
import { compilePack, defaultRulesDir, isIsoDate, Lang, loadRulePack, todayInShanghai } from '@app/engine';

interface ScreenOptions {
  out: string;
  lang: string;
  json?: boolean;
  progress: boolean;
  threads?: string;
  asOf?: string;
}

/**
 * Below this, worker threads cost more than they save on a 2-core machine (`npm run bench`: at 100,000 rows,
 * 20 MB, two workers took 2.75 s against 2.40 s on the main thread; at 1,000,000 rows they save ~3 s).
 */
const PARALLEL_MIN_BYTES = 48 << 20;

/**
 * `screen <tenants.csv|xlsx> --out <results.csv|xlsx>`: streams the file through the same batch library the
 * API uses, straight to the output file (no database). Progress on stderr, summary on stdout.
 * Exit code 2 only when the file as a whole cannot be screened; bad rows are reported, not fatal.
 */
export function screenCommand(): Command {
  return new Command('screen')
    .description('screen a tenant file (CSV or XLSX) against every measure; one output row per tenant')
    .argument('<file>', 'tenant file: CSV (UTF-8, GB18030) or XLSX, headers as in CONTRACT §4')
    .requiredOption(
      '--out <file>',
      'results file: .csv (rejected rows go to <out>.rejected.csv) or .xlsx (with summary and rejected-rows sheets)',
    )
    .option('--lang <lang>', 'zh (default) or en: headers, statuses and messages', 'zh')
    .option('--as-of <date>', 'judge validity at this date, YYYY-MM-DD (default: today, Asia/Shanghai)')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .option(
      '--threads <n>',
      `worker threads for CSV to CSV (1 = all on the main thread; default: ${defaultThreads()} for files over ${PARALLEL_MIN_BYTES >> 20} MB, else 1)`,
    )
    .action(async (file: string, opts: ScreenOptions) => {
      process.exitCode = await runScreen(file, opts);
    });
}

async function runScreen(file: string, opts: ScreenOptions): Promise<number> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
    console.error(`screen: --as-of must be a date written YYYY-MM-DD (got "${opts.asOf as string}")`);
    return 2;
  }
  const asOf = opts.asOf ?? todayInShanghai();
  const started = Date.now();
  let tenants: TenantFile;
  try {
    tenants = await openTenantFile(file, { prescan: true }); // an XLSX over the row cap is refused before parsing
  } catch (e) {
    if (e instanceof BatchFileError) {
      console.error(`screen: ${file}: ${e.describe(lang)}`);
      return 2;
    }
    throw e;
  }
  const rulesDir = defaultRulesDir();
  const screener = new TenantScreener(compilePack(loadRulePack(rulesDir)), lang, asOf);
  const sink = createFileSink(opts.out, {
    measures: screener.measures,
    sourceHeaders: tenants.columns.headers,
    lang,
    title: path.basename(file),
    rulePackVersion: screener.rulePackVersion,
  });
  const bar = opts.progress ? progressBar(tenants) : null;
  const asked = opts.threads === undefined ? undefined : Math.max(1, Number.parseInt(opts.threads, 10) || 1);
  // CSV in and out (UTF-8 or GB18030, whose bytes can be cut at line breaks): the chunked path, on worker
  // threads when the file is big enough to repay starting them. Anything else: the streaming loop.
  const chunked =
    sink instanceof CsvFileSink &&
    tenants.format === 'csv' &&
    (tenants.dialect!.encoding === 'utf-8' || tenants.dialect!.encoding === 'gb18030');
  const workers = !chunked ? 1 : (asked ?? (tenants.meter.size >= PARALLEL_MIN_BYTES ? defaultThreads() : 1));
  const progress = (s: ScreeningSummary, bytes: number) =>
    bar?.update(bytes, { rows: s.rowsIn.toLocaleString('en-US') });
  let summary: SummaryJson;
  try {
    summary = chunked
      ? await screenCsvInChunks(tenants, {
          threads: workers,
          lang,
          screener,
          rulesDir,
          results: sink.results,
          rejected: sink.rejected,
          onProgress: progress,
        })
      : (
          await screenRows(tenants, sink, {
            screener,
            lang,
            batchSize: 2000,
            onProgress: (s) => progress(s, tenants.meter.bytesRead),
          })
        ).summary.toJSON();
  } catch (e) {
    bar?.stop();
    if (e instanceof BatchFileError) {
      console.error(`screen: ${file}: ${e.describe(lang)}`);
      return 2;
    }
    throw e;
  }
  // The chunked path counts in workers, which never see the header: the file's notes are added here.
  if (!summary.notes && tenants.notes.length > 0)
    summary = { ...summary, notes: tenants.notes.map((n) => ({ code: n.code, message: n.message[lang] })) };
  await sink.finish(summary);
  bar?.update(tenants.meter.size, { rows: summary.rowsIn.toLocaleString('en-US') });
  bar?.stop();
  const seconds = (Date.now() - started) / 1000;
  if (opts.json) {
    console.log(
      JSON.stringify(
        { ...summary, asOf, out: opts.out, rejectedTo: sink.rejectedTarget, seconds, threads: workers, ...peakRss() },
        null,
        2,
      ),
    );
  } else printSummary(summary, opts.out, sink.rejectedTarget, seconds, lang, asOf);
  return 0;
}

/** One worker per core, up to four: the main thread mostly waits on the disk. */
function defaultThreads(): number {
  return Math.min(4, os.availableParallelism());
}

function progressBar(file: TenantFile): SingleBar {
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'screening |{bar}| {percentage}% | {rows} rows | {duration_formatted} elapsed | ETA {eta_formatted}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    etaBuffer: 20,
    fps: 5,
  });
  bar.start(file.meter.size, 0, { rows: '0' });
  return bar;
}

/** For the bench: the child's own peak RSS, when asked (kernel figure, includes everything). */
function peakRss(): { peakRssMb?: number } {
  return process.env.GDPM_REPORT_RSS ? { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) } : {};
}

function printSummary(
  s: SummaryJson,
  out: string,
  rejectedTo: string,
  seconds: number,
  lang: Lang,
  asOf: string,
): void {
  const zh = lang === 'zh';
  const t = s.totals!;
  const lines = [
    zh
      ? `读取 ${s.rowsIn} 行：已筛查 ${s.screened}，未通过校验 ${s.rejected}${s.blankRows ? `，空行 ${s.blankRows}（跳过）` : ''}（${seconds.toFixed(1)} 秒）`
      : `${s.rowsIn} rows read: ${s.screened} screened, ${s.rejected} rejected${s.blankRows ? `, ${s.blankRows} blank (skipped)` : ''} (${seconds.toFixed(1)} s)`,
    zh
      ? `按 ${asOf} 判断有效性：现行可申报或可享受的措施中，符合 ${t.eligible} 项次（${t.tenantsWithEligible} 家企业），需补充信息 ${t.needsInfo}，` +
        `接近符合 ${t.nearMiss}，不符合 ${t.ineligible}；已到期 ${t.notInForce} 项，对标 ${t.benchmarks} 项，政策导向 ${t.guidance} 项；估算合计 ${yuanText(t.estimatedValue, zh)}`
      : `Validity judged at ${asOf}. In-force entitlements and applications: ${t.eligible} eligible (${t.tenantsWithEligible} tenants), ` +
        `${t.needsInfo} need info, ${t.nearMiss} near misses, ${t.ineligible} ineligible; ${t.notInForce} measures out of force, ` +
        `${t.benchmarks} benchmarks, ${t.guidance} guidance; estimates total ${yuanText(t.estimatedValue, zh)}`,
    ...(s.notes ?? []).map((n) => (zh ? `注意：${n.message}` : `Note: ${n.message}`)),
    zh ? `结果：${out}` : `results: ${out}`,
    ...(s.rejected > 0
      ? [zh ? `未通过校验的行及原因：${rejectedTo}` : `rejected rows with reasons: ${rejectedTo}`]
      : []),
    '',
    table(s, zh),
  ];
  console.log(lines.join('\n'));
}

function yuanText(amount: number, zh: boolean): string {
  return zh
    ? `${(amount / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 万元`
    : `${amount.toLocaleString('en-US')} yuan`;
}

const NATURE_SHORT: Record<string, [string, string]> = {
  entitlement: ['享受', 'entitlement'],
  application: ['申报', 'application'],
  benchmark: ['对标', 'benchmark'],
  guidance: ['导向', 'guidance'],
};

function table(s: SummaryJson, zh: boolean): string {
  const head = zh
    ? ['措施', '性质', '有效', '符合', '需补充信息', '接近符合', '不符合']
    : ['measure', 'nature', 'in force', 'eligible', 'needs info', 'near miss', 'ineligible'];
  const rows = s.measures.map((m) =>
    [
      m.measureId,
      NATURE_SHORT[m.nature ?? '']?.[zh ? 0 : 1] ?? '',
      m.inForce === false ? (zh ? '已到期' : 'no') : zh ? '是' : 'yes',
      m.eligible,
      m.needsInfo,
      m.nearMiss,
      m.ineligible,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}
