import { Lang, Measure, MeasureNature, PolicyDocument, DocumentStatus, SupersededBy } from '../types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

// en-CA formats as YYYY-MM-DD. Made once: building a formatter with a time zone costs more than a whole match's
// validity checks (8% of the service's CPU under load on POST /api/match, which asks for today on every request).
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** The Shanghai date todayInShanghai last formatted, and the instants it covers ([from, to), ms since 1970). */
let today = { date: '', from: 0, to: 0 };

/** Today's date in Asia/Shanghai (CONTRACT §2: the default `asOf`), as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  const t = now.getTime();
  if (t >= today.from && t < today.to) return today.date;
  const date = SHANGHAI_DATE.format(now);
  // Cached for the day, as formatting costs ~10 µs a call (once per match request). China has kept UTC+8 all year
  // since 1991, so the day runs from 00:00+08:00 for 24 h; both ends are checked, so a day of the summer times of
  // 1986–1991 is not cached.
  const from = Date.parse(`${date}T00:00:00+08:00`);
  const to = from + DAY_MS;
  if (
    t >= from &&
    t < to &&
    SHANGHAI_DATE.format(new Date(from)) === date &&
    SHANGHAI_DATE.format(new Date(to - 1)) === date &&
    SHANGHAI_DATE.format(new Date(to)) !== date
  ) {
    today = { date, from, to };
  }
  return date;
}

/** The document's status on `asOf`: replaced from its successor's issue date, expired after its period. */
export function documentStatusAt(doc: PolicyDocument, asOf: string): DocumentStatus {
  if (doc.supersededBy && asOf >= doc.supersededBy.issueDate) return 'superseded';
  if (doc.status === 'draft') return 'draft';
  if (doc.status === 'expired' || (doc.period.to !== null && asOf > doc.period.to)) return 'expired';
  return 'in-force';
}

export interface Validity {
  inForce: boolean;
  inForceReason?: string;
  documentStatus: DocumentStatus;
  supersededBy?: SupersededBy;
}

/**
 * Whether a measure is in force on `asOf`: the date falls in its period and — unless it rests on a national
 * rule of its own — the document it comes from was issued (not a draft) and not replaced by then.
 */
export function measureValidity(measure: Measure, doc: PolicyDocument, asOf: string, lang: Lang): Validity {
  const documentStatus = documentStatusAt(doc, asOf);
  const supersededBy = documentStatus === 'superseded' ? doc.supersededBy : undefined;
  const base = { documentStatus, ...(supersededBy ? { supersededBy } : {}) };
  // A replaced or never-issued document is the more telling reason, even when the period is over too.
  const docReason = measure.national
    ? undefined
    : documentReason(doc, documentStatus === 'expired' ? 'in-force' : documentStatus, lang);
  const reason =
    docReason ??
    periodReason(measure, asOf, lang) ??
    (measure.national ? undefined : documentReason(doc, documentStatus, lang));
  return reason ? { ...base, inForce: false, inForceReason: reason } : { ...base, inForce: true };
}

const PACK_VALIDITY = new WeakMap<object, Map<string, readonly Validity[]>>();
/** Dates kept per pack: requests mostly ask for today; a client naming many dates only costs the recomputation. */
const PACK_VALIDITY_DATES = 16;

/**
 * `measureValidity` of every measure of a pack (in its order) on `asOf`, in `lang`: the same for every profile, so
 * kept for the latest dates (frozen; a result copies the members). A match computed it per measure and per request,
 * 16% of the engine's time on POST /api/match.
 */
export function packValidity(
  pack: { measures: readonly { measure: Measure; document: PolicyDocument }[] },
  asOf: string,
  lang: Lang,
): readonly Validity[] {
  let byDate = PACK_VALIDITY.get(pack);
  if (!byDate) {
    byDate = new Map();
    PACK_VALIDITY.set(pack, byDate);
  }
  const key = `${lang} ${asOf}`;
  let validity = byDate.get(key);
  if (validity) {
    byDate.delete(key); // re-inserted below: Map order is the recency order
  } else {
    validity = Object.freeze(
      pack.measures.map((m) => Object.freeze(measureValidity(m.measure, m.document, asOf, lang))),
    );
    if (byDate.size >= PACK_VALIDITY_DATES) byDate.delete(byDate.keys().next().value!);
  }
  byDate.set(key, validity);
  return validity;
}

function periodReason(measure: Measure, asOf: string, lang: Lang): string | undefined {
  const { from, to } = measure.period;
  if (asOf < from) return lang === 'zh' ? `尚未施行：自 ${from} 起执行` : `Not yet in force: applies from ${from}`;
  if (to !== null && asOf > to) {
    return lang === 'zh' ? `执行期 ${from} 至 ${to}，已于 ${to} 结束` : `Its period ${from} to ${to} ended on ${to}`;
  }
  return undefined;
}

function documentReason(doc: PolicyDocument, status: DocumentStatus, lang: Lang): string | undefined {
  if (status === 'superseded') {
    const s = doc.supersededBy!;
    return lang === 'zh'
      ? `所依据的文件已被 ${s.number}《${s.title}》（${s.issueDate} 印发）替代`
      : `The document it rests on was replaced by ${s.number} (${s.title}, issued ${s.issueDate})`;
  }
  if (status === 'draft') {
    return lang === 'zh'
      ? '所依据的文件是征求意见稿，未正式施行'
      : 'The document it rests on is a draft for comment, not in force';
  }
  if (status === 'expired') return lang === 'zh' ? '所依据的文件已失效' : 'The document it rests on has expired';
  return undefined;
}

/** Natures whose results a firm can claim: the only ones CONTRACT §2's summary counts as eligible. */
export const CLAIMABLE_NATURES: readonly MeasureNature[] = ['entitlement', 'application'];
/** Natures that may carry a near miss (CONTRACT §2): never guidance. */
export const NEAR_MISS_NATURES: readonly MeasureNature[] = ['entitlement', 'application', 'benchmark'];
