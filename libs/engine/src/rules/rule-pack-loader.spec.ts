import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RulePackError } from '../errors';
import { defaultRulesDir, loadRulePack } from './rule-pack-loader';

const DOC = {
  id: 'doc-a', title: '文件', titleEn: 'Doc', number: null, issuers: ['省政府'], issueDate: '2021-01-01',
  period: { from: '2021-01-01', to: '2025-12-31' }, status: 'in-force', source: 'test',
};
const TEXT = '一、总则\n支持企业 开展研发活动。\n';
const LEAF = { fact: 'inGuangdong', operator: 'equal', value: true, label: { zh: '在广东', en: 'In Guangdong' } };
const MEASURE = {
  id: 'm-a', title: { zh: '措施', en: 'Measure' }, kind: 'subsidy', nature: 'application', benefit: { zh: '补助', en: 'Grant' },
  departments: [{ zh: '省科技厅', en: 'DST' }],
  citations: [{ role: 'clause', documentId: 'doc-a', section: '一', quote: '支持企业开展研发活动' }],
  conditions: { all: [LEAF] }, notCheckable: [],
};

function packDir(measures: Record<string, unknown>, docs: Record<string, unknown> = { 'doc-a': DOC }, text = TEXT): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
  fs.mkdirSync(path.join(dir, 'documents'));
  fs.mkdirSync(path.join(dir, 'measures', 'doc-a'), { recursive: true });
  for (const [id, d] of Object.entries(docs)) {
    fs.writeFileSync(path.join(dir, 'documents', `${id}.json`), JSON.stringify(d));
    fs.writeFileSync(path.join(dir, 'documents', `${id}.txt`), text);
  }
  for (const [file, m] of Object.entries(measures)) {
    fs.writeFileSync(path.join(dir, 'measures', 'doc-a', file), typeof m === 'string' ? m : JSON.stringify(m));
  }
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadRulePack(dir);
  } catch (e) {
    if (e instanceof RulePackError) return e.problems.map((p) => `${p.file}: ${p.problem}`);
    throw e;
  }
  return [];
}

describe(loadRulePack.name, () => {
  it('loads a valid pack, matching the quote whitespace aside, and hashes its content', () => {
    const a = loadRulePack(packDir({ 'm-a.json': MEASURE }));
    expect(a.measures.map((m) => m.id)).toEqual(['m-a']);
    expect(a.measures[0].period).toEqual(DOC.period);
    expect(a.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loadRulePack(packDir({ 'm-a.json': MEASURE })).version).toBe(a.version);
    expect(loadRulePack(packDir({ 'm-a.json': { ...MEASURE, benefit: { zh: '补贴', en: 'Grant' } } })).version).not.toBe(a.version);
  });

  it('names the file of malformed JSON', () => {
    expect(problemsOf(packDir({ 'm-a.json': '{"id": "m-a",' }))).toEqual([expect.stringMatching(/^measures\/doc-a\/m-a\.json: malformed JSON/)]);
  });

  it('rejects an unknown fact', () => {
    const m = { ...MEASURE, conditions: { all: [LEAF, { ...LEAF, fact: 'turnover' }] } };
    expect(problemsOf(packDir({ 'm-a.json': m }))).toEqual(['measures/doc-a/m-a.json: conditions.all[1]: unknown fact "turnover"']);
  });

  it('rejects an unknown operator and an unknown decorator', () => {
    const m = { ...MEASURE, conditions: { all: [{ ...LEAF, operator: 'atLeast' }, { ...LEAF, operator: 'sometimes:equal' }] } };
    expect(problemsOf(packDir({ 'm-a.json': m }))).toEqual([
      'measures/doc-a/m-a.json: conditions.all[0]: unknown operator "atLeast"',
      'measures/doc-a/m-a.json: conditions.all[1]: unknown operator "sometimes:equal"',
    ]);
  });

  it('rejects a value that is not among an enum fact\'s ids', () => {
    const m = { ...MEASURE, conditions: { all: [LEAF, { fact: 'city', operator: 'in', value: ['shenzen'], label: LEAF.label }] } };
    expect(problemsOf(packDir({ 'm-a.json': m }))).toEqual(['measures/doc-a/m-a.json: conditions.all[1]: ["shenzen"] not among the values of fact "city"']);
  });

  it('rejects a duplicate measure id across files', () => {
    expect(problemsOf(packDir({ 'm-a.json': MEASURE, 'm-b.json': MEASURE }))).toEqual([
      'measures/doc-a/m-b.json: duplicate measure id "m-a" (also in measures/doc-a/m-a.json)',
    ]);
  });

  it('rejects a quote that is not verbatim in the document', () => {
    const m = { ...MEASURE, citations: [{ ...MEASURE.citations[0], quote: '支持企业开展科研活动' }] };
    expect(problemsOf(packDir({ 'm-a.json': m }))).toEqual([expect.stringMatching(/citations\[0\]: quote not found verbatim in doc-a/)]);
  });

  it('rejects a citation of an unknown document and a leaf without labels', () => {
    const m = { ...MEASURE, citations: [{ ...MEASURE.citations[0], documentId: 'nope' }], conditions: { all: [{ ...LEAF, label: { zh: '在广东' } }] } };
    expect(problemsOf(packDir({ 'm-a.json': m }))).toEqual([
      'measures/doc-a/m-a.json: citations[0]: unknown document "nope"',
      'measures/doc-a/m-a.json: conditions.all[0]: label needs non-empty "zh" and "en"',
    ]);
  });

  it('refuses a measure without a nature, or with an estimate for a benchmark', () => {
    const { nature: _, ...noNature } = MEASURE;
    expect(problemsOf(packDir({ 'm-a.json': noNature }))).toEqual(['measures/doc-a/m-a.json: nature must be one of entitlement, application, benchmark, guidance']);
    const benchmark = { ...MEASURE, nature: 'benchmark', estimate: { formula: 'vat-refund', vatRate: 0.13 } };
    expect(problemsOf(packDir({ 'm-a.json': benchmark }))).toEqual(['measures/doc-a/m-a.json: estimate is only for entitlements and applications']);
  });

  it('refuses a national measure gated on a cluster, or without its own period and basis', () => {
    const gated = {
      ...MEASURE, national: true, period: { from: '2008-01-01', to: null },
      citations: [...MEASURE.citations, { role: 'basis', title: '企业所得税法', number: '主席令第63号', period: null, quote: '' }],
      conditions: { all: [LEAF, { fact: 'clusters', operator: 'contains', value: 'new-energy', label: LEAF.label }] },
    };
    expect(problemsOf(packDir({ 'm-a.json': gated }))).toEqual(['measures/doc-a/m-a.json: a national measure must not be gated on cluster membership']);
    expect(problemsOf(packDir({ 'm-a.json': { ...MEASURE, national: true } }))).toEqual([
      "measures/doc-a/m-a.json: a national measure gives its own period (the national rule's)",
      'measures/doc-a/m-a.json: a national measure needs a basis citation naming the national rule',
    ]);
  });

  it('names a bad howToApply and a bad supersededBy', () => {
    const m = { ...MEASURE, howToApply: { department: { zh: '税务机关', en: 'Tax office' }, channel: { zh: '申报' }, window: { zh: '年度', en: 'Yearly' } } };
    expect(problemsOf(packDir({ 'm-a.json': m }))).toEqual([
      'measures/doc-a/m-a.json: howToApply.channel needs "zh" and "en"',
      'measures/doc-a/m-a.json: howToApply.source must name where this is stated',
    ]);
    const doc = { ...DOC, supersededBy: { number: 'X', title: 'Y', issueDate: '2023' } };
    expect(problemsOf(packDir({}, { 'doc-a': doc }))).toEqual(['documents/doc-a.json: supersededBy must be {number, title, issueDate: YYYY-MM-DD}']);
  });

  it('rejects a document whose text is missing', () => {
    expect(problemsOf(packDir({}, { 'doc-a': DOC }, ''))).toEqual(['documents/doc-a.json: the full text (.txt beside the .json) is missing or empty']);
  });

  it('loads the real pack of this repository', () => {
    const pack = loadRulePack(defaultRulesDir());
    expect(pack.documents).toHaveLength(5);
    expect(pack.measures.length).toBeGreaterThanOrEqual(6);
  });
});
