import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultRulesDir, loadRulePack } from '@app/engine';

/** docs/policy-review.md records the reading of every measure (issue F): none may be added without one. */
describe('docs/policy-review.md', () => {
  const review = fs.readFileSync(path.join(path.dirname(defaultRulesDir()), 'docs', 'policy-review.md'), 'utf8');

  it('has a row for every measure of the rule pack, naming its nature', () => {
    const missing: string[] = [];
    for (const m of loadRulePack(defaultRulesDir()).measures) {
      const row = review.split('\n').find((line) => new RegExp(`^\\| (\\*\\*)?\`?${m.id}\`?(\\*\\*)?[ |*(]`).test(line));
      if (!row || !row.includes(m.nature)) missing.push(`${m.id} (${m.nature})`);
    }
    expect(missing).toEqual([]);
  });
});
