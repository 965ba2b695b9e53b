import { Lang, MatchResult, MatchStatus, MeasureResult, Outcome } from '../types';
import { CompiledPack } from './compiled-pack';
import { ExplainContext, explainMeasure } from './match';
import { packValidity } from './validity';

/**
 * A match result as UTF-8 JSON: the same bytes as `Buffer.from(JSON.stringify(result))`, written from fragments
 * made once per pack so that a request encodes only what depends on the profile.
 *
 * ~95% of a result's ~290 KB does not depend on the profile: each measure's title, benefit, departments, citations
 * (long Chinese quotes), the conditions' labels and expected values, notCheckable and howToApply depend on the
 * language only; its validity (documentStatus, inForce and why not, period, documentNotice) on the language and
 * `asOf`. Those parts are JSON-encoded and UTF-8-encoded once — per language, and per (language, asOf) for the
 * validity, the latest `dateEntries` dates kept — from the engine's own output for the measure (`explainMeasure`
 * on no facts), so they are what the engine writes by construction. Per request the writer copies them and encodes
 * only the status, each condition's actual value and outcome, missingFacts, nearMiss, the estimate and the
 * top-level fields (summary, warnings, ladder …) with JSON.stringify.
 *
 * Each measure result is checked against its fragments (measure id and version, title, validity) before
 * they are used; one that does not fit — another pack, another language, another date than its `asOf` — is written
 * with JSON.stringify, so the output is always the result's JSON. The key order is explainMeasure's: `LAYOUT`
 * lists it, and building the fragments throws if the engine's keys are no longer that order.
 */
export class MatchJsonWriter {
  private readonly langs = new Map<Lang, LangFragments>();
  private readonly dates = new Map<string, DateFragments>();

  /** Both languages' fragments are made here, so a change to explainMeasure's keys fails at start-up. */
  constructor(
    private readonly compiled: CompiledPack,
    private readonly dateEntries = 16,
  ) {
    for (const lang of ['zh', 'en'] as const) this.langFragments(lang);
  }

  /**
   * The JSON of `result`, matched in `lang`, as UTF-8: a view of `room` when it is large enough (a buffer of an
   * earlier answer the caller recycles), else of a new buffer.
   */
  write(result: MatchResult, lang: Lang, room?: Buffer): Buffer {
    const fragments = this.langFragments(lang);
    const dates = this.dateFragments(lang, result.asOf);
    const out = new Utf8Writer(fragments.bytes + dates.bytes + 64 * 1024, room);
    let first = true;
    for (const key of Object.keys(result) as (keyof MatchResult)[]) {
      const value = result[key];
      if (key === 'results') {
        out.text(first ? '{"results":[' : ',"results":[');
        this.writeResults(out, result.results, fragments, dates);
        out.bytes(CLOSE_ARRAY);
      } else {
        const json = stringifyMember(value);
        if (json === undefined) continue;
        out.text(`${first ? '{' : ','}${JSON.stringify(key)}:${json}`);
      }
      first = false;
    }
    out.text(first ? '{}' : '}');
    return out.done();
  }

  private writeResults(out: Utf8Writer, results: MeasureResult[], f: LangFragments, d: DateFragments): void {
    // The ~500 conditions read ~30 facts: each actual value is encoded once per answer (writing a double is slow).
    const actuals = new Map<string, { value: unknown; json: string }>();
    for (let i = 0; i < results.length; i++) {
      if (i > 0) out.bytes(COMMA);
      const r = results[i];
      const m = f.measures.at(i);
      const v = d.measures.at(i);
      if (m === undefined || v === undefined || !fits(r, m, v)) {
        out.text(JSON.stringify(r));
        continue;
      }
      out.bytes(m.head[r.status] ?? out.textBytes(`${m.headText}${JSON.stringify(r.status)}`));
      out.bytes(v.validity);
      out.bytes(m.citations);
      // Each condition's actual value, then its outcome joined to what follows (the next condition's fixed members,
      // or the end of the list): two copies per condition.
      const conditions = r.conditions;
      for (let j = 0; j < conditions.length; j++) {
        const c = conditions[j];
        let actual = actuals.get(c.fact);
        if (actual === undefined || actual.value !== c.actual) {
          actual = { value: c.actual, json: jsonValue(c.actual) };
          actuals.set(c.fact, actual);
        }
        out.text(actual.json);
        out.bytes(
          m.afterLeaf[j][c.outcome] ?? out.textBytes(`,"outcome":${JSON.stringify(c.outcome)}}${m.nextText[j]}`),
        );
      }
      if (r.missingFacts.length === 0 && r.nearMiss.length === 0 && r.estimate === undefined) {
        out.bytes(m.plainEnd); // most measures: nothing missing, no near miss, no estimate
        continue;
      }
      out.text(r.missingFacts.length === 0 ? '[]' : JSON.stringify(r.missingFacts));
      out.bytes(m.notCheckable);
      out.text(r.nearMiss.length === 0 ? '[]' : JSON.stringify(r.nearMiss));
      if (r.estimate !== undefined) out.text(`,"estimate":${JSON.stringify(r.estimate)}`);
      out.bytes(m.tail);
    }
  }

  private langFragments(lang: Lang): LangFragments {
    let fragments = this.langs.get(lang);
    if (!fragments) {
      fragments = buildLangFragments(this.samples(lang, FRAGMENT_DATE));
      this.langs.set(lang, fragments);
    }
    return fragments;
  }

  /** The validity fragments for (lang, asOf), the most recently used `dateEntries` kept. */
  private dateFragments(lang: Lang, asOf: string): DateFragments {
    const key = `${lang} ${asOf}`;
    let fragments = this.dates.get(key);
    if (fragments) {
      this.dates.delete(key); // re-inserted below: Map order is the recency order
    } else {
      fragments = buildDateFragments(this.samples(lang, asOf));
      if (this.dates.size >= this.dateEntries) this.dates.delete(this.dates.keys().next().value!);
    }
    this.dates.set(key, fragments);
    return fragments;
  }

  /** Each measure explained on no facts: every part that does not depend on the profile, as the engine writes it. */
  private samples(lang: Lang, asOf: string): MeasureResult[] {
    const ctx: ExplainContext = {
      fiscalYear: Number(asOf.slice(0, 4)) - 1,
      asOf,
      lang,
      documents: this.compiled.documents,
    };
    // The validity matchProfile uses (packValidity): its reasons are then the very strings a result holds, and
    // `fits` compares them by reference.
    const validity = packValidity(this.compiled, asOf, lang);
    return this.compiled.measures.map((m, i) => explainMeasure(m, {}, ctx, validity[i]));
  }
}

/** The language fragments do not depend on the date; any date builds them. */
const FRAGMENT_DATE = '2000-01-01';

/**
 * explainMeasure's keys in its order, each with what it depends on: `lang` (and the measure), `date` (lang and
 * asOf) or `profile`. Optional keys may be absent; building the fragments checks the engine's keys against this.
 */
const LAYOUT: readonly { key: keyof MeasureResult; on: 'lang' | 'date' | 'profile'; optional?: true }[] = [
  { key: 'measureId', on: 'lang' },
  { key: 'measureVersion', on: 'lang' },
  { key: 'title', on: 'lang' },
  { key: 'kind', on: 'lang' },
  { key: 'nature', on: 'lang' },
  { key: 'benefit', on: 'lang' },
  { key: 'departments', on: 'lang' },
  { key: 'status', on: 'profile' },
  { key: 'documentStatus', on: 'date' },
  { key: 'supersededBy', on: 'date', optional: true },
  { key: 'inForce', on: 'date' },
  { key: 'inForceReason', on: 'date', optional: true },
  { key: 'period', on: 'date' },
  { key: 'documentNotice', on: 'date', optional: true },
  { key: 'citations', on: 'lang' },
  { key: 'conditions', on: 'profile' },
  { key: 'missingFacts', on: 'profile' },
  { key: 'notCheckable', on: 'lang' },
  { key: 'nearMiss', on: 'profile' },
  { key: 'estimate', on: 'profile', optional: true },
  { key: 'howToApply', on: 'lang', optional: true },
];

interface MeasureFragments {
  measureId: string;
  measureVersion: string;
  title: string;
  /** Per status: `{"measureId":…,"departments":[…],"status":"eligible"` */
  head: Partial<Record<string, Uint8Array>>;
  /** The same without the status's value, for a status with no fragment. */
  headText: string;
  /** `,"citations":[…],"conditions":[` and the first condition's fixed members (or `],"missingFacts":`). */
  citations: Uint8Array;
  /**
   * Per condition and outcome: `,"outcome":"pass"}` and what follows it — the next condition's fixed members
   * `,{"label":…,"fact":…,"operator":…,"expected":…,"actual":`, or `],"missingFacts":` after the last.
   */
  afterLeaf: Partial<Record<string, Uint8Array>>[];
  /** What follows each condition, as text, for an outcome with no fragment. */
  nextText: string[];
  /** `,"notCheckable":[…],"nearMiss":` */
  notCheckable: Uint8Array;
  /** `,"howToApply":{…}}` or `}` */
  tail: Uint8Array;
  /** `[],"notCheckable":[…],"nearMiss":[]` and the tail: the end when missingFacts and nearMiss are empty, no estimate. */
  plainEnd: Uint8Array;
}

interface LangFragments {
  measures: MeasureFragments[];
  bytes: number;
}

interface DateFragments {
  measures: { inForce: boolean; inForceReason?: string; documentStatus: string; validity: Uint8Array }[];
  bytes: number;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const COMMA = utf8(',');
const CLOSE_ARRAY = utf8(']');
const MISSING_FACTS = '],"missingFacts":';
const STATUSES: readonly MatchStatus[] = ['eligible', 'ineligible', 'needs_info'];
const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'unknown'];

/** `"key":value` for each key present, joined by commas, as JSON.stringify writes an object's members. */
function members(sample: MeasureResult, on: 'lang' | 'date', from: keyof MeasureResult, to: keyof MeasureResult) {
  const keys = LAYOUT.slice(
    LAYOUT.findIndex((l) => l.key === from),
    LAYOUT.findIndex((l) => l.key === to) + 1,
  );
  return keys
    .filter((l) => l.on === on && sample[l.key] !== undefined)
    .map((l) => `${JSON.stringify(l.key)}:${JSON.stringify(sample[l.key])}`)
    .join(',');
}

/** The engine's keys must be LAYOUT's, in its order: otherwise the fragments would write another object. */
function checkLayout(sample: MeasureResult): void {
  const keys = Object.keys(sample);
  const expected = LAYOUT.filter((l) => !l.optional || keys.includes(l.key)).map((l) => l.key);
  if (keys.join() !== expected.join()) {
    throw new Error(
      `MatchJsonWriter: explainMeasure writes ${keys.join(', ')}; match-json.ts's LAYOUT says ${expected.join(', ')}`,
    );
  }
  for (const c of sample.conditions) {
    // The leaf fragments end where the per-profile members begin: actual and outcome must come last.
    if (Object.keys(c).slice(-2).join() !== 'actual,outcome') {
      throw new Error(
        `MatchJsonWriter: a condition's keys are ${Object.keys(c).join(', ')}; actual, outcome must end them`,
      );
    }
  }
}

function buildLangFragments(samples: MeasureResult[]): LangFragments {
  let bytes = 0;
  const measures = samples.map((s): MeasureFragments => {
    checkLayout(s);
    // Each condition's members before its actual value: `{"label":…,"fact":…,"operator":…,"expected":…,"actual":`.
    const leafHeads = s.conditions.map((c) => {
      const { actual: _actual, outcome: _outcome, ...fixed } = c;
      const json = JSON.stringify(fixed);
      return `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"actual":`;
    });
    const nextText = leafHeads.map((_, j) => (j + 1 < leafHeads.length ? `,${leafHeads[j + 1]}` : MISSING_FACTS));
    const headText = `{${members(s, 'lang', 'measureId', 'departments')},"status":`;
    const howToApply = members(s, 'lang', 'howToApply', 'howToApply');
    const notCheckable = `,${members(s, 'lang', 'notCheckable', 'notCheckable')},"nearMiss":`;
    const tail = howToApply ? `,${howToApply}}` : '}';
    const m: MeasureFragments = {
      measureId: s.measureId,
      measureVersion: s.measureVersion,
      title: s.title,
      head: perValue(STATUSES, (status) => `${headText}${JSON.stringify(status)}`),
      headText,
      citations: utf8(
        `,${members(s, 'lang', 'citations', 'citations')},"conditions":[${leafHeads.length > 0 ? leafHeads[0] : MISSING_FACTS}`,
      ),
      afterLeaf: nextText.map((next) =>
        perValue(OUTCOMES, (outcome) => `,"outcome":${JSON.stringify(outcome)}}${next}`),
      ),
      nextText,
      notCheckable: utf8(notCheckable),
      tail: utf8(tail),
      plainEnd: utf8(`[]${notCheckable}[]${tail}`),
    };
    bytes += headText.length * 3 + m.citations.length + m.plainEnd.length + 16;
    for (const next of nextText) bytes += next.length * 3 + 64;
    return m;
  });
  return { measures, bytes };
}

/** One fragment per value a member can take. */
function perValue(values: readonly string[], text: (value: string) => string): Partial<Record<string, Uint8Array>> {
  return Object.fromEntries(values.map((v) => [v, utf8(text(v))]));
}

function buildDateFragments(samples: MeasureResult[]): DateFragments {
  let bytes = 0;
  const measures = samples.map((s) => {
    checkLayout(s);
    const validity = utf8(`,${members(s, 'date', 'documentStatus', 'documentNotice')}`);
    bytes += validity.length;
    return { inForce: s.inForce, inForceReason: s.inForceReason, documentStatus: s.documentStatus, validity };
  });
  return { measures, bytes };
}

/**
 * Whether a measure result is the one these fragments were made for: the same measure content (`measureVersion` is
 * its hash: conditions, citations, texts), the same language (its title) and the same validity.
 */
function fits(r: MeasureResult, m: MeasureFragments, v: DateFragments['measures'][number]): boolean {
  return (
    r.measureVersion === m.measureVersion &&
    r.measureId === m.measureId &&
    r.title === m.title &&
    r.conditions.length === m.afterLeaf.length &&
    r.inForce === v.inForce &&
    r.inForceReason === v.inForceReason &&
    r.documentStatus === v.documentStatus
  );
}

/** JSON.stringify of a condition's actual value (never undefined: the explainer writes null for an absent fact). */
function jsonValue(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  return stringifyMember(value) ?? 'null';
}

/** JSON.stringify, typed as it behaves: undefined for undefined, a function or a symbol (a member then left out). */
function stringifyMember(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/** Appends bytes and text to one buffer, grown when needed; short ASCII text is copied without a call into C++. */
class Utf8Writer {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity: number, room?: Buffer) {
    this.buf = room ?? Buffer.allocUnsafeSlow(capacity);
  }

  bytes(chunk: Uint8Array): void {
    this.room(chunk.length);
    this.buf.set(chunk, this.pos);
    this.pos += chunk.length;
  }

  text(s: string): void {
    const n = s.length;
    this.room(n * 3); // at most 3 bytes per UTF-16 unit
    const buf = this.buf;
    const pos = this.pos;
    if (n < 64) {
      let k = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (c > 0x7f) break;
        buf[pos + k] = c;
      }
      if (k === n) {
        this.pos = pos + n;
        return;
      }
    }
    this.pos = pos + buf.write(s, pos, 'utf8');
  }

  /** Text as bytes, for the rare value no fragment holds. */
  textBytes(s: string): Uint8Array {
    return utf8(s);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
