import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultRulesDir, loadRulePack, locateQuote, seedFileOf } from '@app/engine';

// The policy texts ship with the rule pack as rules/documents/<id>.txt, copied verbatim from ../shared/seeds.
// Every citation is checked against them, so they must never be edited: these tests pin them byte for byte.
const RULES = defaultRulesDir();
const SEEDS = process.env.SEEDS_DIR ?? path.resolve(RULES, '..', '..', 'shared', 'seeds');
const pack = loadRulePack(RULES);

/** sha256 of each seed file, taken from ../shared/seeds when the texts were copied. */
const SEED_SHA256: Record<string, string> = {
  '000_59a3a62587986964.txt': '0d61fa5f301c863f421301103e782851be340c13215628c612c13ddfc5fdec2f',
  '001_0c1bbc86ad1c792f.txt': 'bb0df65528dd0e595ae77c351bb293e8329fec2ab4dec7fa3b9522433814ea2b',
  '002_10c5dfed10f1e6c5.txt': '4044a2884c086fa360700153a75141ac14c0e5beed0ce02b638df9364fa475e8',
  '003_e84233351a4d2394.txt': '511ae5316cc59e98b499bf2689f917da7aeda7011dad3f4d7e75f51021960027',
  '004_6e98dedb53ed59dc.txt': '3d46404c6ea610bb9bd59031152c756dfc76e143f4127c46b3013257a066d602',
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const textOf = (id: string) => fs.readFileSync(path.join(RULES, 'documents', `${id}.txt`));

describe('policy document texts', () => {
  it('each of the five seeds is one document, named in its "source"', () => {
    const seeds = pack.documents.map((d) => seedFileOf(d)).sort();
    expect(seeds).toEqual(Object.keys(SEED_SHA256).sort());
  });

  for (const doc of pack.documents) {
    describe(doc.id, () => {
      const seed = seedFileOf(doc)!;

      it('is byte-identical to the seed it was copied from (pinned hash)', () => {
        expect(sha256(textOf(doc.id))).toBe(SEED_SHA256[seed]);
      });

      const seedFile = path.join(SEEDS, seed);
      (fs.existsSync(seedFile) ? it : it.skip)(`is byte-identical to ${path.relative(path.dirname(RULES), seedFile)}`, () => {
        expect(textOf(doc.id).equals(fs.readFileSync(seedFile))).toBe(true);
      });
    });
  }

  it('contains every clause quote of every measure verbatim (whitespace aside)', () => {
    const texts = new Map(pack.documents.map((d) => [d.id, d.text]));
    const missing: string[] = [];
    for (const m of pack.measures) {
      m.citations.forEach((c, i) => {
        if (c.role === 'clause' && !locateQuote(texts.get(c.documentId) ?? '', c.quote)) missing.push(`${m.id} citations[${i}]: ${c.quote}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it('keeps metadata to what the texts support', () => {
    const byId = new Map(pack.documents.map((d) => [d.id, d]));
    expect(byId.get('gd-precision-instruments-2021-2025')).toMatchObject({
      issueDate: '2020-09-29', number: null, status: 'in-force', period: { from: '2021-01-01', to: '2025-12-31' },
      issuers: ['广东省科学技术厅', '广东省发展和改革委员会', '广东省工业和信息化厅', '广东省商务厅', '广东省市场监督管理局'],
    });
    expect(byId.get('gd-high-end-equipment-2021-2025-draft')).toMatchObject({ status: 'draft', number: null, issueDate: null });
    expect(byId.get('gd-laser-additive-2021-2025')).toMatchObject({ status: 'in-force', number: null, period: { from: '2021-01-01', to: '2025-12-31' } });
    expect(byId.get('yfh-2020-82')).toMatchObject({ number: '粤府函〔2020〕82号', issueDate: null, issuers: ['广东省人民政府'] });
    expect(byId.get('ykhgz-2022-895')).toMatchObject({ number: '粤科函高字〔2022〕895号', issueDate: '2022-06-14' });
    for (const d of pack.documents) {
      if (d.number) expect(d.text.replace(/\s+/g, '').includes(d.number) || d.id === 'yfh-2020-82').toBe(true);
    }
    // 82号's own seed carries no number; the other seeds cite it by number.
    expect(byId.get('gd-precision-instruments-2021-2025')!.text.replace(/\s+/g, '')).toContain('粤府函〔2020〕82号');
    expect(byId.get('ykhgz-2022-895')!.text).toContain('粤府函〔2020〕82号');
  });
});
