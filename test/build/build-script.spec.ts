import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// scripts/build.js is plain Node (it runs before anything is compiled).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build, pruneStaleOutputs } = require('../../scripts/build.js') as {
  build(o: { root: string; force?: boolean; alias?: boolean }): 'current' | 'built';
  pruneStaleOutputs(root: string, dist: string): string[];
};

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('scripts/build.js', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-build-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prunes the outputs of deleted sources, and nothing else', () => {
    write(path.join(root, 'libs/x/src/kept.ts'), '');
    for (const f of [
      'kept.js',
      'kept.js.map',
      'kept.d.ts',
      'gone.js',
      'gone.js.map',
      'gone.d.ts',
      'gone.d.ts.map',
      'old/only.js',
    ]) {
      write(path.join(root, 'dist/libs/x/src', f), '');
    }
    write(path.join(root, 'dist/libs/x/tsconfig.build.tsbuildinfo'), '{}');
    const removed = pruneStaleOutputs(root, path.join(root, 'dist'));
    expect(removed.sort()).toHaveLength(5);
    expect(fs.readdirSync(path.join(root, 'dist/libs/x/src')).sort()).toEqual(['kept.d.ts', 'kept.js', 'kept.js.map']);
    expect(fs.existsSync(path.join(root, 'dist/libs/x/tsconfig.build.tsbuildinfo'))).toBe(true);
  });

  it('rebuilds when a source is deleted, leaving no output of it behind; otherwise says current', () => {
    write(path.join(root, 'package.json'), '{}');
    write(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', strict: true } }),
    );
    write(
      path.join(root, 'tsconfig.build.json'),
      JSON.stringify({ files: [], references: [{ path: 'libs/x/tsconfig.build.json' }] }),
    );
    write(
      path.join(root, 'libs/x/tsconfig.build.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: {
          composite: true,
          rootDir: 'src',
          outDir: '../../dist/libs/x/src',
          tsBuildInfoFile: '../../dist/libs/x/x.tsbuildinfo',
        },
        include: ['src/**/*.ts'],
      }),
    );
    write(path.join(root, 'libs/x/src/a.ts'), 'export const a = 1;\n');
    write(path.join(root, 'libs/x/src/old/b.ts'), 'export const b = 2;\n');
    const out = (f: string) => path.join(root, 'dist/libs/x/src', f);

    expect(build({ root, alias: false })).toBe('built');
    expect(fs.existsSync(out('old/b.js'))).toBe(true);
    expect(build({ root, alias: false })).toBe('current');

    fs.rmSync(path.join(root, 'libs/x/src/old'), { recursive: true });
    expect(build({ root, alias: false })).toBe('built');
    expect(fs.existsSync(out('old'))).toBe(false);
    expect(fs.existsSync(out('a.js'))).toBe(true);
    expect(build({ root, alias: false })).toBe('current');
  }, 120_000);
});
