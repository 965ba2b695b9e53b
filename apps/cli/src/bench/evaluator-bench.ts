import { Engine } from 'json-rules-engine';
import { TenantScreener, seededRandom, syntheticProfile } from '@app/batch';
import { buildFacts, CompiledPack, compilePackScreen, DERIVED_FACTS, FactValues, PROFILE_FIELD_NAMES, screenFacts, todayInShanghai } from '@app/engine';
import { HAND_WRITTEN } from './hand-written-measures';
import { fixed, table } from './bench-table';

export interface EvaluatorFigures {
  profiles: number;
  measures: number;
  jreNs: number;
  compiledNs: number;
  fusedNs: number;
  handNs: number | null;
  compiledSubsetNs: number | null;
  fusedSubsetNs: number | null;
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
  let elapsed = 0;
  do {
    for (const f of facts) fn(f);
    calls += facts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs);
  return (elapsed * 1e6) / calls;
}

/**
 * json-rules-engine (one Engine, every measure a rule, sequential `await engine.run(facts)`) vs the compiled
 * evaluator (compileStatus's one function per measure, and screenFacts: the whole pack in one function) vs
 * hand-written closures for four measures.
 */
export async function benchEvaluator(compiled: CompiledPack, profiles: number, log: (s: string) => void): Promise<EvaluatorFigures> {
  const rng = seededRandom(2024);
  const facts = Array.from({ length: profiles }, (_, i) => shapedFacts(syntheticProfile(rng, i)));
  const measures = compiled.measures.length;

  // json-rules-engine: every fact supplied (absent ones as undefined, allowed), every measure a rule.
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const m of compiled.measures) {
    engine.addRule({ name: m.measure.id, conditions: structuredClone(m.measure.conditions) as never, event: { type: m.measure.id } });
  }
  const jreProfiles = Math.min(profiles, 5000);
  log(`  json-rules-engine: ${jreProfiles} profiles × ${measures} rules …`);
  for (const f of facts.slice(0, 200)) await engine.run({ ...f });
  const jreStart = process.hrtime.bigint();
  for (const f of facts.slice(0, jreProfiles)) await engine.run({ ...f });
  const jreNs = Number(process.hrtime.bigint() - jreStart) / (jreProfiles * measures);

  log(`  compiled evaluator: ${profiles} profiles × ${measures} measures …`);
  const out = new Uint8Array(measures);
  const perMeasure = compiled.measures.map((m) => m.status);
  const compiledNs = timeLoop(facts, (f) => { for (let i = 0; i < perMeasure.length; i++) out[i] = perMeasure[i](f); }, 1500) / measures;
  const fusedNs = timeLoop(facts, (f) => screenFacts(compiled, f, out), 1500) / measures;
  const screener = new TenantScreener(compiled, 'zh', todayInShanghai());
  const withNearMissNs = timeLoop(facts, (f) => screener.screen(f, out), 1500) / measures;

  // Hand-written closures vs the generated functions of the same measures.
  const subset = compiled.measures.filter((m) => HAND_WRITTEN[m.measure.id]);
  let handNs: number | null = null;
  let compiledSubsetNs: number | null = null;
  let fusedSubsetNs: number | null = null;
  let agree = true;
  if (subset.length > 0) {
    const hands = subset.map((m) => HAND_WRITTEN[m.measure.id]);
    const gens = subset.map((m) => m.status);
    for (const f of facts) for (let i = 0; i < hands.length; i++) if (hands[i](f) !== gens[i](f)) agree = false;
    let sink = 0;
    handNs = timeLoop(facts, (f) => { for (let i = 0; i < hands.length; i++) sink += hands[i](f); }, 1000) / hands.length;
    compiledSubsetNs = timeLoop(facts, (f) => { for (let i = 0; i < gens.length; i++) sink += gens[i](f); }, 1000) / gens.length;
    const fusedSubset = compilePackScreen(subset.map((m) => m.measure.conditions));
    const subsetOut = new Uint8Array(subset.length);
    fusedSubsetNs = timeLoop(facts, (f) => fusedSubset(f, subsetOut), 1000) / subset.length;
    if (sink === -1) log('');
  }

  const rows: (string | number)[][] = [
    ['json-rules-engine 7.3.1 (one Engine, sequential run)', fixed(jreNs), '1×'],
    ['compiled, one function per measure (engine compileStatus)', fixed(compiledNs), `${fixed(jreNs / compiledNs, 0)}× faster`],
    ['compiled, whole pack in one function (engine screenFacts)', fixed(fusedNs), `${fixed(jreNs / fusedNs, 0)}× faster`],
    ['  + near-miss check = the batch screener', fixed(withNearMissNs), `${fixed(jreNs / withNearMissNs, 0)}× faster`],
  ];
  if (handNs !== null && compiledSubsetNs !== null && fusedSubsetNs !== null) {
    rows.push([`hand-written closures (${subset.length} measures)`, fixed(handNs), '1×']);
    rows.push([`  compiled per measure, same ${subset.length}`, fixed(compiledSubsetNs), `${fixed(compiledSubsetNs / handNs, 2)}× the hand-written`]);
    rows.push([`  compiled whole-pack style, same ${subset.length}`, fixed(fusedSubsetNs), `${fixed(fusedSubsetNs / handNs, 2)}× the hand-written`]);
  }
  const text = [
    `Evaluator: ${profiles.toLocaleString('en-US')} synthetic profiles × ${measures} measures (json-rules-engine: first ${jreProfiles.toLocaleString('en-US')})`,
    table(['evaluator', 'ns / rule evaluation', 'ratio'], rows),
    subset.length > 0 ? `hand-written measures: ${subset.map((m) => m.measure.id).join(', ')} — same outcomes as the compiled ones on every profile: ${agree ? 'yes' : 'NO'}` : 'hand-written measures: none of them is in the pack any more',
  ].join('\n');
  return { profiles, measures, jreNs, compiledNs, fusedNs, handNs, compiledSubsetNs, fusedSubsetNs, handMeasures: subset.map((m) => m.measure.id), text };
}
