import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RulePackError, RulePackProblem } from '../errors';
import { leaves } from './condition-tree';
import { estimateSpecProblems } from '../estimates/estimate';
import { DECLARED_DOCUMENT_STATUSES, MEASURE_KINDS, MEASURE_NATURES, Measure, Period, PolicyDocument, RulePack } from '../types';
import { locateQuote } from './quote-match';
import { validateConditions } from './validate-conditions';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DOC_STATUSES: readonly string[] = DECLARED_DOCUMENT_STATUSES;
const DOCUMENT_KEYS = new Set(['id', 'title', 'titleEn', 'number', 'issuers', 'issueDate', 'period', 'status', 'supersededBy', 'body', 'source']);
const MEASURE_KEYS = new Set([
  'id', 'title', 'kind', 'nature', 'national', 'benefit', 'departments', 'citations', 'period', 'conditions', 'notCheckable',
  'estimate', 'howToApply',
]);

/** Default location: `rules/` at the repository root (override with RULES_DIR). */
export function defaultRulesDir(): string {
  if (process.env.RULES_DIR) return path.resolve(process.env.RULES_DIR);
  // Walk up from this file: it runs both from libs/ (tests) and from dist/libs/ (built).
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'rules', 'documents'))) return path.join(dir, 'rules');
  }
  return path.resolve('rules');
}

/**
 * Reads `rules/documents/*.json` (+ the `.txt` beside each) and `rules/measures/**\/*.json`, checks
 * everything, and returns the pack — or throws a RulePackError naming each file and problem.
 */
export function loadRulePack(dir: string = defaultRulesDir()): RulePack {
  const problems: RulePackProblem[] = [];
  const documents = readDocuments(path.join(dir, 'documents'), problems);
  const measures = readMeasures(path.join(dir, 'measures'), documents, problems, dir);
  if (problems.length > 0) throw new RulePackError(problems);
  const measureVersions: Record<string, string> = {};
  for (const m of measures) measureVersions[m.id] = `sha256:${sha256(canonicalJson(m)).slice(0, 16)}`;
  const docs = [...documents.values()].sort((a, b) => a.id.localeCompare(b.id));
  const version = `sha256:${sha256(canonicalJson({ documents: docs, measures }))}`;
  return { version, documents: docs, measures, measureVersions };
}

function readDocuments(dir: string, problems: RulePackProblem[]): Map<string, PolicyDocument> {
  const documents = new Map<string, PolicyDocument>();
  for (const file of listJson(dir, problems)) {
    const rel = path.relative(path.dirname(dir), file);
    const raw = parseJson(file, rel, problems);
    if (!raw) continue;
    const textFile = file.replace(/\.json$/, '.txt');
    const text = fs.existsSync(textFile) ? fs.readFileSync(textFile, 'utf8') : '';
    const errs = documentProblems(raw, text);
    if (errs.length > 0) {
      problems.push(...errs.map((problem) => ({ file: rel, problem })));
      continue;
    }
    const doc = { ...(raw as unknown as PolicyDocument), text };
    if (documents.has(doc.id)) problems.push({ file: rel, problem: `duplicate document id "${doc.id}"` });
    documents.set(doc.id, doc);
  }
  return documents;
}

function documentProblems(d: Record<string, unknown>, text: string): string[] {
  const p: string[] = [];
  if (typeof d.id !== 'string' || !ID.test(d.id)) p.push('id must be lower-case letters, digits and dashes');
  if (!nonEmpty(d.title)) p.push('title is required');
  if (!nonEmpty(d.titleEn)) p.push('titleEn is required');
  if (d.number !== null && typeof d.number !== 'string') p.push('number must be a string or null');
  if (!Array.isArray(d.issuers) || d.issuers.length === 0) p.push('issuers must list at least one body');
  if (d.issueDate !== null && !(typeof d.issueDate === 'string' && DATE.test(d.issueDate))) p.push('issueDate must be YYYY-MM-DD or null');
  p.push(...periodProblems(d.period, 'period'));
  if (!DOC_STATUSES.includes(d.status as string)) p.push(`status must be one of ${DOC_STATUSES.join(', ')}`);
  if (!nonEmpty(d.source)) p.push('source is required');
  if (!text.trim()) p.push('the full text (.txt beside the .json) is missing or empty');
  p.push(...supersededByProblems(d.supersededBy), ...bodyProblems(d.body, text));
  for (const key of Object.keys(d)) if (!DOCUMENT_KEYS.has(key)) p.push(`unknown key "${key}"`);
  return p;
}

function readMeasures(dir: string, documents: Map<string, PolicyDocument>, problems: RulePackProblem[], root: string): Measure[] {
  const measures: Measure[] = [];
  const seen = new Map<string, string>();
  for (const file of listJson(dir, problems, true)) {
    const rel = path.relative(root, file);
    const raw = parseJson(file, rel, problems);
    if (!raw) continue;
    const errs = measureProblems(raw, documents);
    if (errs.length > 0) {
      problems.push(...errs.map((problem) => ({ file: rel, problem })));
      continue;
    }
    const measure = withDefaultPeriod(raw as unknown as Measure, documents);
    if (seen.has(measure.id)) problems.push({ file: rel, problem: `duplicate measure id "${measure.id}" (also in ${seen.get(measure.id)})` });
    seen.set(measure.id, rel);
    measures.push(measure);
  }
  return measures.sort((a, b) => a.id.localeCompare(b.id));
}

/** The loader's checks of one measure (also applied to a scenario's changed measures). */
export function measureProblems(m: Record<string, unknown>, documents: ReadonlyMap<string, PolicyDocument>): string[] {
  const p: string[] = [];
  if (typeof m.id !== 'string' || !ID.test(m.id)) p.push('id must be lower-case letters, digits and dashes');
  for (const key of ['title', 'benefit'] as const) if (!localized(m[key])) p.push(`${key} needs non-empty "zh" and "en"`);
  if (!MEASURE_KINDS.includes(m.kind as never)) p.push(`kind must be one of ${MEASURE_KINDS.join(', ')}`);
  if (!MEASURE_NATURES.includes(m.nature as never)) p.push(`nature must be one of ${MEASURE_NATURES.join(', ')}`);
  if (!Array.isArray(m.departments) || !m.departments.every(localized)) p.push('departments must be a list of {zh, en}');
  if (!Array.isArray(m.notCheckable) || !m.notCheckable.every(localized)) p.push('notCheckable must be a list of {zh, en}');
  if (m.period !== undefined) p.push(...periodProblems(m.period, 'period'));
  p.push(...citationProblems(m.citations, documents));
  const conditionProblems = validateConditions(m.conditions);
  p.push(...conditionProblems);
  if (conditionProblems.length === 0) p.push(...nationalProblems(m));
  p.push(...estimateSpecProblems(m.estimate));
  if (m.estimate !== undefined && !['entitlement', 'application'].includes(m.nature as string)) {
    p.push('estimate is only for entitlements and applications');
  }
  p.push(...howToApplyProblems(m.howToApply));
  for (const key of Object.keys(m)) if (!MEASURE_KEYS.has(key)) p.push(`unknown key "${key}"`);
  return p;
}

/** A measure resting on a national rule names it, takes its own period, and is not gated on a cluster. */
function nationalProblems(m: Record<string, unknown>): string[] {
  if (m.national === undefined) return [];
  if (m.national !== true) return ['national must be true or absent'];
  const p: string[] = [];
  if (m.period === undefined) p.push('a national measure gives its own period (the national rule\'s)');
  if (!Array.isArray(m.citations) || !m.citations.some((c: Record<string, unknown>) => c?.role === 'basis')) {
    p.push('a national measure needs a basis citation naming the national rule');
  }
  if (leaves(m.conditions as never).some((l) => l.fact === 'clusters')) p.push('a national measure must not be gated on cluster membership');
  return p;
}

function howToApplyProblems(h: unknown): string[] {
  if (h === undefined) return [];
  if (typeof h !== 'object' || h === null) return ['howToApply must be {department, channel, window, source}'];
  const o = h as Record<string, unknown>;
  const p = (['department', 'channel', 'window'] as const).filter((k) => !localized(o[k])).map((k) => `howToApply.${k} needs "zh" and "en"`);
  if (!nonEmpty(o.source)) p.push('howToApply.source must name where this is stated');
  for (const key of Object.keys(o)) if (!['department', 'channel', 'window', 'source'].includes(key)) p.push(`howToApply: unknown key "${key}"`);
  return p;
}

function supersededByProblems(s: unknown): string[] {
  if (s === undefined) return [];
  const o = s as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || !nonEmpty(o.number) || !nonEmpty(o.title) || typeof o.issueDate !== 'string' || !DATE.test(o.issueDate)) {
    return ['supersededBy must be {number, title, issueDate: YYYY-MM-DD}'];
  }
  return [];
}

function bodyProblems(b: unknown, text: string): string[] {
  if (b === undefined) return [];
  const o = b as Record<string, unknown>;
  const ok = typeof o === 'object' && o !== null && Number.isInteger(o.start) && Number.isInteger(o.end) &&
    (o.start as number) >= 0 && (o.start as number) < (o.end as number) && (o.end as number) <= text.length;
  return ok ? [] : [`body must be {start, end} with 0 <= start < end <= ${text.length} (the text's length)`];
}

function citationProblems(citations: unknown, documents: ReadonlyMap<string, PolicyDocument>): string[] {
  if (!Array.isArray(citations) || citations.length === 0) return ['citations must list at least one clause'];
  const p: string[] = [];
  citations.forEach((c: Record<string, unknown>, i) => {
    const at = `citations[${i}]`;
    if (c.role === 'clause') {
      const doc = documents.get(c.documentId as string);
      if (!doc) p.push(`${at}: unknown document "${String(c.documentId)}"`);
      if (!nonEmpty(c.section)) p.push(`${at}: section is required`);
      if (!nonEmpty(c.quote)) p.push(`${at}: quote is required`);
      else if (doc && !locateQuote(doc.text, c.quote as string)) {
        p.push(`${at}: quote not found verbatim in ${doc.id}: "${String(c.quote).slice(0, 40)}…"`);
      }
    } else if (c.role === 'basis') {
      if (!nonEmpty(c.title) || !nonEmpty(c.number)) p.push(`${at}: a basis citation needs title and number`);
      if (c.period !== null && c.period !== undefined) p.push(...periodProblems(c.period, `${at}.period`));
      if (typeof c.quote !== 'string') p.push(`${at}: quote must be a string (may be empty)`);
    } else p.push(`${at}: role must be "clause" or "basis"`);
  });
  if (!citations.some((c: Record<string, unknown>) => c?.role === 'clause')) p.push('citations must include a clause');
  return p;
}

function withDefaultPeriod(m: Measure, documents: Map<string, PolicyDocument>): Measure {
  if (m.period) return m;
  const clause = m.citations.find((c) => c.role === 'clause');
  const doc = clause && clause.role === 'clause' ? documents.get(clause.documentId) : undefined;
  return { ...m, period: doc!.period };
}

function periodProblems(period: unknown, at: string): string[] {
  const p = period as Period | undefined;
  if (!p || typeof p !== 'object') return [`${at} must be {from, to}`];
  if (typeof p.from !== 'string' || !DATE.test(p.from)) return [`${at}.from must be YYYY-MM-DD`];
  if (p.to !== null && (typeof p.to !== 'string' || !DATE.test(p.to))) return [`${at}.to must be YYYY-MM-DD or null`];
  if (p.to !== null && p.to < p.from) return [`${at} ends before it starts`];
  return [];
}

function listJson(dir: string, problems: RulePackProblem[], recursive = false): string[] {
  if (!fs.existsSync(dir)) {
    problems.push({ file: dir, problem: 'folder not found' });
    return [];
  }
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && recursive) out.push(...listJson(full, problems, true));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

function parseJson(file: string, rel: string, problems: RulePackProblem[]): Record<string, unknown> | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push({ file: rel, problem: 'must hold one JSON object' });
  } catch (e) {
    problems.push({ file: rel, problem: `malformed JSON: ${(e as Error).message}` });
  }
  return null;
}

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const localized = (v: unknown) =>
  typeof v === 'object' && v !== null && nonEmpty((v as Record<string, unknown>).zh) && nonEmpty((v as Record<string, unknown>).en);

/** JSON with object keys sorted, so the hash depends on content, not key order or formatting. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
