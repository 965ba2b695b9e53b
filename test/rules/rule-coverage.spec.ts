import * as fs from 'node:fs';
import {
  buildCoverageReport, CoverageSpec, defaultCoverageDir, defaultCoverageMarkdownPath, defaultRulesDir, loadCoverageSpecs, loadRulePack,
  Measure, PolicyDocument, renderCoverageMarkdown, RulePack,
} from '@app/engine';

const RULES = defaultRulesDir();
const pack = loadRulePack(RULES);
const { specs, problems: fileProblems } = loadCoverageSpecs(defaultCoverageDir(RULES));
const report = buildCoverageReport(pack, specs);

describe('rule coverage', () => {
  it('reads every coverage file', () => {
    expect(fileProblems).toEqual([]);
    expect(specs.map((s) => s.document).sort()).toEqual(pack.documents.map((d) => d.id).sort());
  });

  it('has every section of every document cited by a measure or explained, and every citation in a listed section', () => {
    expect(report.problems).toEqual([]);
    for (const d of report.documents) {
      for (const s of d.sections.filter((x) => !x.heading)) expect(s.measures.length > 0 || !!s.omitted).toBe(true);
    }
  });

  it('accounts for every measure of the pack under its document', () => {
    expect(report.documents.flatMap((d) => d.measures).sort()).toEqual(pack.measures.map((m) => m.id).sort());
  });

  it('is committed as docs/rule-coverage.md, in sync with the pack (regenerate: npm run cli -- rules coverage --write)', () => {
    const file = defaultCoverageMarkdownPath(RULES);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderCoverageMarkdown(report));
  });
});

describe('rule coverage checks', () => {
  const TEXT = '一、总则\n本办法适用于企业。\n二、支持措施\n（一）研发。支持企业开展研发活动。\n（二）统计。完善统计口径。\n';
  const doc: PolicyDocument = {
    id: 'doc-a', title: '文件', titleEn: 'Doc', number: null, issuers: ['省政府'], issueDate: null,
    period: { from: '2021-01-01', to: '2025-12-31' }, status: 'in-force', source: 'seed 000_abc.txt', text: TEXT,
  };
  const measure = (id: string, section: string, quote: string): Measure => ({
    id, title: { zh: '措施', en: 'Measure' }, kind: 'subsidy', nature: 'application', benefit: { zh: '补助', en: 'Grant' }, departments: [],
    citations: [{ role: 'clause', documentId: 'doc-a', section, quote }], period: doc.period,
    conditions: { all: [] }, notCheckable: [],
  });
  const packOf = (...measures: Measure[]): RulePack => ({ version: 'x', documents: [doc], measures, measureVersions: {} });
  const spec = (sections: CoverageSpec['sections'], measurePrefix?: string): CoverageSpec => ({ file: 'coverage/doc-a.yaml', document: 'doc-a', measurePrefix, sections });
  const SECTIONS: CoverageSpec['sections'] = [
    { section: '一、总则', anchor: '一、总则', omitted: 'context' },
    { section: '二、支持措施', anchor: '二、支持措施', heading: true },
    { section: '二（一）研发', anchor: '（一）研发。' },
    { section: '二（二）统计', anchor: '（二）统计。', omitted: 'not enterprise-facing: 完善统计口径' },
  ];

  it('passes a document whose sections are all cited or explained', () => {
    const r = buildCoverageReport(packOf(measure('a-rd', '二（一）研发', '支持企业开展研发活动')), [spec(SECTIONS, 'a-')]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0].sections[2].measures).toEqual(['a-rd']);
  });

  it('flags a section neither cited nor explained', () => {
    const r = buildCoverageReport(packOf(), [spec(SECTIONS)]);
    expect(r.problems).toEqual([expect.stringContaining('"二（一）研发" is neither cited by a measure nor explained')]);
  });

  it('flags a citation whose section is not listed, or whose quote lies in another section', () => {
    const r = buildCoverageReport(packOf(measure('a-x', '二（三）其他', '支持企业开展研发活动'), measure('a-y', '二（一）研发', '完善统计口径')), [spec(SECTIONS)]);
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.stringContaining('a-x: citations[0] names section "二（三）其他"'),
      expect.stringContaining('a-y: citations[0] quote is not in section "二（一）研发"'),
    ]));
  });

  it('flags an anchor that is not in the text, an id without the document prefix, and a document without coverage', () => {
    const bad = [...SECTIONS, { section: '三、附则', anchor: '三、附则', omitted: 'x' }];
    const r = buildCoverageReport(packOf(measure('rd', '二（一）研发', '支持企业开展研发活动')), [spec(bad, 'a-')]);
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.stringContaining('anchor of "三、附则" not found'),
      expect.stringContaining('rd: a measure of doc-a has an id starting with "a-"'),
    ]));
    expect(buildCoverageReport(packOf(), []).problems).toEqual([expect.stringContaining('document "doc-a" has no coverage file')]);
  });

  it('flags a section both cited and marked omitted, and an omitted clause quoted from elsewhere', () => {
    const sections = SECTIONS.map((s) => (s.section === '二（一）研发' ? { ...s, omitted: 'x' } : s));
    sections[3] = { ...sections[3], omitted: undefined, clausesOmitted: [{ quote: '支持企业开展研发活动', reason: 'y' }] };
    const r = buildCoverageReport(packOf(measure('a-rd', '二（一）研发', '支持企业开展研发活动')), [spec(sections)]);
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.stringContaining('"二（一）研发" is cited by a-rd but also marked omitted'),
      expect.stringContaining('"二（二）统计": clausesOmitted[0] quote is not in this section'),
    ]));
  });
});
