import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { transformSync } from 'esbuild';

// scripts/build-web.js is plain CommonJS (it runs before any TypeScript is compiled).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildWebBundles } = require('../../scripts/build-web.js') as {
  buildWebBundles(options: { quiet?: boolean }): void;
};

export const PROFILE_BUNDLE = path.resolve(__dirname, '../../apps/web/public/engine/profile.js');

/** What the web form imports from /engine/profile.js (the parts these tests call). */
export interface ProfileBundle {
  readFieldText(field: string, text: string): unknown;
  validateProfile(
    input: unknown,
    lang: 'zh' | 'en',
  ): { profile: unknown; errors: Record<string, string[]>; warnings: unknown[] };
  profileWarnings(profile: unknown, lang: 'zh' | 'en'): unknown[];
}

/**
 * Loads the very file the browser loads, in a fresh `vm` context: only the language's built-ins, no `require`,
 * `process` or Node module, so a Node import in the profile module fails here as it would in the page. The ES
 * module syntax is turned into CommonJS with esbuild's transform (the code itself is left as it is).
 */
export function loadProfileBundle(): ProfileBundle {
  buildWebBundles({ quiet: true });
  const source = fs.readFileSync(PROFILE_BUNDLE, 'utf8');
  const { code } = transformSync(source, { format: 'cjs', loader: 'js' });
  const module = { exports: {} as ProfileBundle };
  vm.runInNewContext(code, { module, exports: module.exports }, { filename: PROFILE_BUNDLE });
  return module.exports;
}
