import * as path from 'node:path';

interface MadgeGraph {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
// madge ships no types; its API: madge(paths, config) → the dependency graph.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge = require('madge') as (paths: string[], config: Record<string, unknown>) => Promise<MadgeGraph>;

const ROOT = path.resolve(__dirname, '../..');

/** The same check as `npm run lint:cycles`: no import circle anywhere in libs/ or apps/ (type-only imports included). */
describe('imports', () => {
  it('form no cycle in libs/ or apps/', async () => {
    const graph = await madge(['libs', 'apps'], {
      baseDir: ROOT,
      fileExtensions: ['ts'],
      tsConfig: path.join(ROOT, 'tsconfig.json'),
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(150); // it did read the sources
    expect(graph.circular()).toEqual([]);
  }, 60_000);
});
