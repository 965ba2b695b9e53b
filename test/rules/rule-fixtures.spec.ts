import {
  compilePack, defaultFixturesDir, defaultRulesDir, fixtureCoverageProblems, loadFixtureFiles, loadRulePack, runCase,
} from '@app/engine';

// Every case of fixtures/rules/*.yaml becomes one test, named by its sentence.
const pack = loadRulePack();
const compiled = compilePack(pack);
const files = loadFixtureFiles(defaultFixturesDir(defaultRulesDir()));

describe('rule fixtures', () => {
  it('cover every measure with eligible and ineligible cases named as sentences', () => {
    expect(fixtureCoverageProblems(compiled, files)).toEqual([]);
  });

  for (const file of files) {
    describe(file.measure, () => {
      for (const c of file.cases) {
        it(c.name, () => {
          expect(runCase(compiled, file, c).failures).toEqual([]);
        });
      }
    });
  }
});
