import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** scripts/check-client.js (npm run check:client) as a child process: its exit code and what it printed. */
async function checkClient(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'scripts/check-client.js'), ...args], {
      cwd: root,
    });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function readmeExample(): Record<string, unknown> {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)]
    .map((m) => m[1])
    .find((b) => b.includes('"rulePackVersion"'))!;
  return JSON.parse(block) as Record<string, unknown>;
}

describe('a client generated from /api/docs-json (openapi-typescript)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-client-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('types POST /api/match so that the README example response type-checks, and is not `unknown`', async () => {
    const { code, output } = await checkClient('--out', dir);
    expect(output).toContain('type-checks');
    expect(code).toBe(0);
    const types = fs.readFileSync(path.join(dir, 'api.d.ts'), 'utf8');
    expect(types).toMatch(/MatchResult: \{[^}]*summary: components\["schemas"\]\["MatchSummary"\]/);
  });

  it('refuses an example that the API would never send: no asOf, a status it does not have', async () => {
    const wrong = readmeExample();
    delete wrong.asOf;
    (wrong.results as { status: string }[])[0].status = 'approved';
    const file = path.join(dir, 'wrong-example.json');
    fs.writeFileSync(file, JSON.stringify(wrong));
    const { code, output } = await checkClient('--spec', path.join(dir, 'spec.json'), '--example', file, '--out', dir);
    expect(code).toBe(1);
    expect(output).toMatch(/'asOf' is missing|"approved"/);
  });
});
