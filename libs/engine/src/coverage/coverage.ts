import { ClauseCitation, Measure, PolicyDocument, RulePack } from '../types';
import { stripWhitespace } from '../rules/quote-match';

/**
 * Rule coverage: for each policy document, every section of its text and either the measures citing it or
 * why it was left out. The section list is data (`rules/coverage/<document-id>.yaml`, see rules/README.md);
 * which measures cite a section is computed from the pack, so the report cannot drift from the measures.
 * Pure: no file access here (see coverage-files.ts).
 */

/** A clause of a cited section that was read and deliberately not encoded. */
export interface OmittedClause {
  quote: string;
  reason: string;
}

export interface CoverageSectionSpec {
  /** The section path measures use in their `clause` citations, e.g. "五、保障措施（三）强化资源要素供给". */
  section: string;
  /** Verbatim text (whitespace aside) where the section starts; anchors are located in order. */
  anchor: string;
  /** A bare heading whose text is only its title: its subsections follow as their own entries. */
  heading?: boolean;
  /** Why no measure cites this section. */
  omitted?: string;
  /** Clauses of a cited section that no measure encodes, each with the reason. */
  clausesOmitted?: OmittedClause[];
}

export interface CoverageSpec {
  /** Where the spec came from, for problem messages. */
  file: string;
  document: string;
  /** Every measure whose clause document is this one has an id starting with this prefix. */
  measurePrefix?: string;
  sections: CoverageSectionSpec[];
}

export interface SectionCoverage {
  section: string;
  heading: boolean;
  measures: string[];
  omitted: string | null;
  clausesOmitted: OmittedClause[];
}

export interface DocumentCoverage {
  documentId: string;
  title: string;
  number: string | null;
  status: PolicyDocument['status'];
  period: PolicyDocument['period'];
  seed: string | null;
  supersededBy: PolicyDocument['supersededBy'] | null;
  /** Measures whose (first) clause citation is this document. */
  measures: string[];
  sections: SectionCoverage[];
}

export interface CoverageReport {
  documents: DocumentCoverage[];
  /** Each measure's nature (CONTRACT §2 Version 2), to show beside its id. */
  natures: Record<string, Measure['nature']>;
  /** Everything that keeps the report from being complete and consistent; empty when it is. */
  problems: string[];
}

/** The seed file a document's text was copied from, read from its `source` ("seed 000_….txt …"). */
export function seedFileOf(doc: Pick<PolicyDocument, 'source'>): string | null {
  const m = /\b(\d{3}_[0-9a-f]+\.txt)\b/.exec(doc.source);
  return m ? m[1] : null;
}

/** The document a measure belongs to: the one its first clause citation quotes. */
export function measureDocumentId(m: Measure): string | null {
  const clause = m.citations.find((c): c is ClauseCitation => c.role === 'clause');
  return clause ? clause.documentId : null;
}

interface Located {
  spec: CoverageSectionSpec;
  start: number;
  end: number;
  entry: SectionCoverage;
}

export function buildCoverageReport(pack: RulePack, specs: CoverageSpec[]): CoverageReport {
  const problems: string[] = [];
  const specByDoc = new Map<string, CoverageSpec>();
  const docIds = new Set(pack.documents.map((d) => d.id));
  for (const spec of specs) {
    if (!docIds.has(spec.document)) problems.push(`${spec.file}: unknown document "${spec.document}"`);
    else if (specByDoc.has(spec.document)) problems.push(`${spec.file}: a second coverage file for "${spec.document}"`);
    else specByDoc.set(spec.document, spec);
  }

  const documents: DocumentCoverage[] = [];
  const sectionsByDoc = new Map<string, { stripped: string; located: Map<string, Located> }>();
  const ordered = [...pack.documents].sort((a, b) => (seedFileOf(a) ?? a.id).localeCompare(seedFileOf(b) ?? b.id));
  for (const doc of ordered) {
    const spec = specByDoc.get(doc.id);
    const coverage: DocumentCoverage = {
      documentId: doc.id, title: doc.title, number: doc.number, status: doc.status, period: doc.period,
      seed: seedFileOf(doc), supersededBy: doc.supersededBy ?? null, measures: [], sections: [],
    };
    documents.push(coverage);
    if (!spec) {
      problems.push(`document "${doc.id}" has no coverage file (rules/coverage/${doc.id}.yaml)`);
      continue;
    }
    const stripped = stripWhitespace(doc.text);
    const located = new Map<string, Located>();
    let cursor = 0;
    const list: Located[] = [];
    for (const s of spec.sections) {
      const entry: SectionCoverage = {
        section: s.section, heading: s.heading === true, measures: [], omitted: s.omitted ?? null,
        clausesOmitted: s.clausesOmitted ?? [],
      };
      coverage.sections.push(entry);
      if (located.has(s.section)) {
        problems.push(`${spec.file}: section "${s.section}" is listed twice`);
        continue;
      }
      const anchor = stripWhitespace(s.anchor ?? '');
      const at = anchor ? stripped.indexOf(anchor, cursor) : -1;
      if (at < 0) {
        problems.push(`${spec.file}: anchor of "${s.section}" not found in ${doc.id} after the previous section: "${s.anchor}"`);
        continue;
      }
      cursor = at + anchor.length;
      const item: Located = { spec: s, start: at, end: stripped.length, entry };
      if (list.length > 0) list[list.length - 1].end = at;
      list.push(item);
      located.set(s.section, item);
    }
    sectionsByDoc.set(doc.id, { stripped, located });
  }

  for (const m of pack.measures) {
    const own = measureDocumentId(m);
    const ownCoverage = documents.find((d) => d.documentId === own);
    ownCoverage?.measures.push(m.id);
    const prefix = own ? specByDoc.get(own)?.measurePrefix : undefined;
    if (prefix && !m.id.startsWith(prefix)) problems.push(`${m.id}: a measure of ${own} has an id starting with "${prefix}"`);
    m.citations.forEach((c, i) => {
      if (c.role !== 'clause') return;
      const doc = sectionsByDoc.get(c.documentId);
      if (!doc) return; // no coverage file: reported above
      const item = doc.located.get(c.section);
      if (!item) {
        problems.push(`${m.id}: citations[${i}] names section "${c.section}", which rules/coverage/${c.documentId}.yaml does not list`);
        return;
      }
      if (!doc.stripped.slice(item.start, item.end).includes(stripWhitespace(c.quote))) {
        problems.push(`${m.id}: citations[${i}] quote is not in section "${c.section}" of ${c.documentId}: "${c.quote.slice(0, 30)}…"`);
      }
      if (!item.entry.measures.includes(m.id)) item.entry.measures.push(m.id);
    });
  }

  for (const [docId, { stripped, located }] of sectionsByDoc) {
    const file = specByDoc.get(docId)!.file;
    for (const item of located.values()) {
      const { entry } = item;
      entry.measures.sort();
      const where = `${file}: "${entry.section}"`;
      if (entry.heading) {
        if (entry.measures.length > 0) problems.push(`${where} is a bare heading but is cited by ${entry.measures.join(', ')}`);
        if (entry.omitted || entry.clausesOmitted.length > 0) problems.push(`${where} is a bare heading: it takes no "omitted" reason`);
        continue;
      }
      if (entry.measures.length === 0 && !nonEmpty(entry.omitted)) problems.push(`${where} is neither cited by a measure nor explained ("omitted")`);
      if (entry.measures.length > 0 && entry.omitted) {
        problems.push(`${where} is cited by ${entry.measures.join(', ')} but also marked omitted (use clausesOmitted for the parts left out)`);
      }
      entry.clausesOmitted.forEach((c, i) => {
        if (!nonEmpty(c.quote) || !nonEmpty(c.reason)) problems.push(`${where}: clausesOmitted[${i}] needs quote and reason`);
        else if (!stripped.slice(item.start, item.end).includes(stripWhitespace(c.quote))) {
          problems.push(`${where}: clausesOmitted[${i}] quote is not in this section: "${c.quote.slice(0, 30)}…"`);
        }
      });
    }
  }
  for (const d of documents) d.measures.sort();
  return { documents, natures: Object.fromEntries(pack.measures.map((m) => [m.id, m.nature])), problems };
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

const STATUS_WORDS: Record<PolicyDocument['status'], string> = {
  'in-force': 'issued (in force within its period)',
  draft: 'draft for comment — never in force; its results say so',
  expired: 'expired',
};

function statusWords(d: DocumentCoverage): string {
  const s = d.supersededBy;
  return s ? `${STATUS_WORDS[d.status]}; superseded by ${s.number}《${s.title}》 (${s.issueDate})` : STATUS_WORDS[d.status];
}

const NATURE_ORDER = ['entitlement', 'application', 'benchmark', 'guidance'] as const;

/** "1 entitlement · 7 application · 1 benchmark · 20 guidance" */
function natureCounts(ids: string[], natures: CoverageReport['natures']): string {
  return NATURE_ORDER.map((n) => [n, ids.filter((id) => natures[id] === n).length] as const)
    .filter(([, k]) => k > 0).map(([n, k]) => `${k} ${n}`).join(' · ');
}

function period(p: PolicyDocument['period']): string {
  return `${p.from} – ${p.to ?? 'open-ended'}`;
}

/** Markdown table cells: no pipes or line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The report as Markdown: the committed `docs/rule-coverage.md`. Deterministic (no dates, no hashes). */
export function renderCoverageMarkdown(report: CoverageReport): string {
  const out: string[] = [];
  const total = report.documents.reduce((n, d) => n + d.measures.length, 0);
  out.push('# Rule coverage');
  out.push('');
  out.push('Every section of every policy document in the rule pack, with the measures that cite it or the reason it was');
  out.push('left out. Generated from `rules/` by `npm run cli -- rules coverage --markdown` (the section lists and reasons');
  out.push('live in `rules/coverage/<document-id>.yaml`; which measures cite a section is computed from `rules/measures/`).');
  out.push('`test/rules/rule-coverage.spec.ts` fails when this file and the pack disagree: regenerate it with');
  out.push('`npm run cli -- rules coverage --write`.');
  out.push('');
  out.push(`${report.documents.length} documents, ${total} measures.`);
  out.push('');
  out.push('| seed | document | number | declared status | period | measures | by nature | sections cited | sections left out |');
  out.push('|---|---|---|---|---|---:|---|---:|---:|');
  for (const d of report.documents) {
    const content = d.sections.filter((s) => !s.heading);
    const cited = content.filter((s) => s.measures.length > 0).length;
    const status = d.supersededBy ? `${d.status}, superseded` : d.status;
    out.push(`| ${d.seed ?? '—'} | \`${d.documentId}\` ${cell(d.title)} | ${d.number ?? '—'} | ${status} | ${period(d.period)} | ` +
      `${d.measures.length} | ${natureCounts(d.measures, report.natures)} | ${cited} | ${content.length - cited} |`);
  }
  for (const d of report.documents) {
    out.push('');
    out.push(`## ${cell(d.title)}`);
    out.push('');
    out.push(`\`${d.documentId}\` · number: ${d.number ?? '— (the text gives none)'} · status: ${statusWords(d)} · ` +
      `period: ${period(d.period)} · ${d.measures.length} measures · text: ${d.seed ? `seed ${d.seed}` : '—'}`);
    out.push('');
    out.push('| section | measures citing it | left out, and why |');
    out.push('|---|---|---|');
    for (const s of d.sections) {
      if (s.heading) {
        out.push(`| **${cell(s.section)}** | | |`);
        continue;
      }
      const measures = s.measures.length > 0 ? s.measures.map((id) => `\`${id}\` ${report.natures[id] ?? ''}`.trim()).join('<br>') : '—';
      const why: string[] = [];
      if (s.omitted) why.push(cell(s.omitted));
      for (const c of s.clausesOmitted) why.push(`not encoded: “${cell(c.quote)}” — ${cell(c.reason)}`);
      out.push(`| ${cell(s.section)} | ${measures} | ${why.join('<br>')} |`);
    }
  }
  if (report.problems.length > 0) {
    out.push('');
    out.push('## Problems');
    out.push('');
    for (const p of report.problems) out.push(`- ${p}`);
  }
  out.push('');
  return out.join('\n');
}

/** The report for a terminal: per document and section, the citing measures or the reason it was left out. */
export function renderCoverageText(report: CoverageReport): string {
  const out: string[] = [];
  for (const d of report.documents) {
    const content = d.sections.filter((s) => !s.heading);
    const cited = content.filter((s) => s.measures.length > 0).length;
    out.push(`${d.documentId} — ${d.title}${d.number ? ` ${d.number}` : ''} [${d.status}]`);
    out.push(`  ${d.measures.length} measures; ${cited} sections cited, ${content.length - cited} left out`);
    for (const s of d.sections) {
      if (s.heading) {
        out.push(`  ${s.section}`);
        continue;
      }
      if (s.measures.length > 0) out.push(`    ✓ ${s.section}: ${s.measures.join(', ')}`);
      else out.push(`    – ${s.section}: left out — ${s.omitted ?? '(no reason given)'}`);
      for (const c of s.clausesOmitted) out.push(`        not encoded: “${c.quote}” — ${c.reason}`);
    }
    out.push('');
  }
  const total = report.documents.reduce((n, d) => n + d.measures.length, 0);
  out.push(`rules coverage: ${report.documents.length} documents, ${total} measures, ${report.problems.length} problem(s)`);
  return out.join('\n');
}
