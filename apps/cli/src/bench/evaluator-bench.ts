import { Engine } from 'json-rules-engine';
import { TenantScreener } from '@app/batch';
import {
  buildFacts,
  CompiledPack,
  compilePackScreen,
  DERIVED_FACTS,
  FactValues,
  PROFILE_FIELD_NAMES,
  screenFacts,
  seededRandom,
  syntheticProfile,
  todayInShanghai,
} from '@app/engine';
import { HAND_WRITTEN } from './hand-written-measures';
import { fixed, table } from './bench-table';

export interface EvaluatorFigures {
  profiles: number;
  measures: number;
  jreNs: number;
  /** The whole pack in one generated function, status only (no near-miss codes). */
  statusNs: number;
  /** The compiled pack's own function (`CompiledPack.screen` / screenFacts): status and near-miss codes. */
  packNs: number;
  /** The batch screener: the pack's function plus the policy and counts per tenant. */
  screenerNs: number;
  handNs: number | null;
  compiledSubsetNs: number | null;
  handMeasures: string[];
  text: string;
}

const FACT_NAMES = [...PROFILE_FIELD_NAMES, ...DERIVED_FACTS.map((f) => f.name)];

/** Facts with every key present in one order (unknown = undefined), as the batch reader builds them. */
function shapedFacts(profile: object): FactValues {
  const facts = buildFacts(profile);
  const out: FactValues = {};
  for (const name of FACT_NAMES) out[name] = facts[name];
  return out;
}

/** Runs `fn` over all profiles repeatedly for at least `minMs`; returns ns per call of `fn`. */
function timeLoop(facts: FactValues[], fn: (f: FactValues) => void, minMs: number): number {
  for (const f of facts) fn(f); // warm-up
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed: number;
  do {
    for (const f of facts) fn(f);
    calls += facts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs);
  return (elapsed * 1e6) / calls;
}

/**
 * json-rules-engine (one Engine, every measure a rule, sequential `await engine.run(facts)`) vs the generated
 * code (the whole pack in one function: status only; with near-miss codes, as the compiled pack carries it; and
 * the batch screener around it) vs hand-written closures for four measures. The engine generates no function per
 * measure any more, so there is no per-measure row: the hand-written measures are compared with the same four
 * compiled the whole-pack way.
 */
export async function benchEvaluator(
  compiled: CompiledPack,
  profiles: number,
  log: (s: string) => void,
): Promise<EvaluatorFigures> {
  const rng = seededRandom(2024);
  const facts = Array.from({ length: profiles }, (_, i) => shapedFacts(syntheticProfile(rng, i)));
  const measures = compiled.measures.length;
  const jreNs = await benchJsonRulesEngine(compiled, facts, log);

  log(`  compiled evaluator: ${profiles} profiles × ${measures} measures …`);
  const out = new Uint8Array(measures);
  const statusOnly = compilePackScreen(compiled.measures.map((m) => m.measure.conditions));
  const statusNs = timeLoop(facts, (f) => statusOnly(f, out), 1500) / measures;
  const packNs = timeLoop(facts, (f) => screenFacts(compiled, f, out), 1500) / measures;
  const screener = new TenantScreener(compiled, 'zh', todayInShanghai());
  const screenerNs = timeLoop(facts, (f) => screener.screen(f, out), 1500) / measures;
  const hand = benchHandWritten(compiled, facts);

  const rows: (string | number)[][] = [
    ['json-rules-engine 7.3.1 (one Engine, sequential run)', fixed(jreNs), '1×'],
    ['compiled, whole pack in one function, status only', fixed(statusNs), `${fixed(jreNs / statusNs, 0)}× faster`],
    [
      "  the compiled pack's function (+ near-miss codes; screenFacts)",
      fixed(packNs),
      `${fixed(jreNs / packNs, 0)}× faster`,
    ],
    ['  + policy and counts = the batch screener', fixed(screenerNs), `${fixed(jreNs / screenerNs, 0)}× faster`],
    ...hand.rows,
  ];
  const text = [
    `Evaluator: ${profiles.toLocaleString('en-US')} synthetic profiles × ${measures} measures (json-rules-engine: first ${Math.min(profiles, JRE_PROFILES).toLocaleString('en-US')})`,
    table(['evaluator', 'ns / rule evaluation', 'ratio'], rows),
    hand.note,
  ].join('\n');
  return {
    profiles,
    measures,
    jreNs,
    statusNs,
    packNs,
    screenerNs,
    handNs: hand.handNs,
    compiledSubsetNs: hand.compiledNs,
    handMeasures: hand.ids,
    text,
  };
}

const JRE_PROFILES = 5000;

/** json-rules-engine: every fact supplied (absent ones as undefined, allowed), every measure a rule. */
async function benchJsonRulesEngine(
  compiled: CompiledPack,
  facts: FactValues[],
  log: (s: string) => void,
): Promise<number> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const m of compiled.measures) {
    engine.addRule({
      name: m.measure.id,
      conditions: structuredClone(m.measure.conditions) as never,
      event: { type: m.measure.id },
    });
  }
  const profiles = Math.min(facts.length, JRE_PROFILES);
  log(`  json-rules-engine: ${profiles} profiles × ${compiled.measures.length} rules …`);
  for (const f of facts.slice(0, 200)) await engine.run({ ...f });
  const start = process.hrtime.bigint();
  for (const f of facts.slice(0, profiles)) await engine.run({ ...f });
  return Number(process.hrtime.bigint() - start) / (profiles * compiled.measures.length);
}

/** Hand-written closures vs the same measures compiled the whole-pack way; checks they agree on every profile. */
function benchHandWritten(compiled: CompiledPack, facts: FactValues[]) {
  const subset = compiled.measures.filter((m) => HAND_WRITTEN[m.measure.id]);
  const ids = subset.map((m) => m.measure.id);
  if (subset.length === 0)
    return {
      rows: [],
      handNs: null,
      compiledNs: null,
      ids,
      note: 'hand-written measures: none of them is in the pack any more',
    };
  const hands = subset.map((m) => HAND_WRITTEN[m.measure.id]);
  const generated = compilePackScreen(subset.map((m) => m.measure.conditions));
  const out = new Uint8Array(subset.length);
  let agree = true;
  for (const f of facts) {
    generated(f, out);
    for (let i = 0; i < hands.length; i++) if (hands[i](f) !== out[i]) agree = false;
  }
  let sink = 0;
  const handNs =
    timeLoop(
      facts,
      (f) => {
        for (let i = 0; i < hands.length; i++) sink += hands[i](f);
      },
      1000,
    ) / hands.length;
  const compiledNs = timeLoop(facts, (f) => generated(f, out), 1000) / subset.length;
  if (sink === -1) console.error('');
  return {
    handNs,
    compiledNs,
    ids,
    rows: [
      [`hand-written closures (${subset.length} measures)`, fixed(handNs), '1×'],
      [
        `  compiled whole-pack style, same ${subset.length}`,
        fixed(compiledNs),
        `${fixed(compiledNs / handNs, 2)}× the hand-written`,
      ],
    ],
    note: `hand-written measures: ${ids.join(', ')} — same outcomes as the compiled ones on every profile: ${agree ? 'yes' : 'NO (the rules changed: update hand-written-measures.ts)'}`,
  };
}
