import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const WEB_ROOT = path.resolve(__dirname, '../../../apps/web/public');

/**
 * Runs `body` in a child Node process where `m` is the named ES module of apps/web/public, and returns
 * what `body` returns (as JSON). The web assets are browser ES modules and Jest here runs CommonJS, so
 * the child imports them natively, exactly as the browser does.
 */
export function runInWebModule<T>(file: string, body: string, input: unknown = null): T {
  const url = pathToFileURL(path.join(WEB_ROOT, file)).href;
  const script = `
    const m = await import(${JSON.stringify(url)});
    const input = JSON.parse(process.argv[1]);
    const out = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(input)], {
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as T;
}
