#!/usr/bin/env node
// Does a client generated from our OpenAPI spec understand what the API answers? Builds the spec from the
// compiled service (no port opened), generates TypeScript with openapi-typescript, and type-checks README.md's
// example match response against the generated type of POST /api/match — which must not be `unknown`.
//   node scripts/check-client.js [--out DIR] [--spec FILE] [--example FILE]
// --out keeps spec.json, api.d.ts and readme-example.ts in DIR; --spec uses an existing spec instead of building
// one; --example checks another JSON file instead of the README block (the tests use it to prove a wrong
// example fails). Needs dist/ (`npm run check:client` builds it first). Exit 0 when it type-checks, 1 when not.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The document /api/docs-json serves, built from dist/ against a throw-away SQLite file. */
async function buildSpec() {
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = require(path.join(root, 'dist/apps/api/src/app.module'));
  const { loadConfig } = require(path.join(root, 'dist/apps/api/src/config/app-config'));
  const { createOpenApiDocument } = require(path.join(root, 'dist/apps/api/src/openapi/openapi-document'));
  const db = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-spec-db-'));
  const config = loadConfig({
    SQLITE_PATH: path.join(db, 'app.sqlite'),
    LOG_LEVEL: 'error',
    RULES_DIR: process.env.RULES_DIR,
  });
  const app = await NestFactory.create(AppModule.register(config), { bodyParser: false, logger: ['error'] });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
    fs.rmSync(db, { recursive: true, force: true });
  }
}

/** The README's example match response: its first ```json block holding a `rulePackVersion`. */
function readmeExample() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)]
    .map((m) => m[1])
    .find((b) => b.includes('"rulePackVersion"'));
  if (!block) throw new Error('README.md has no ```json block with a match response (rulePackVersion)');
  return block;
}

function exampleSource(json) {
  JSON.parse(json); // a README block that is not even JSON is its own error
  return [
    "import type { paths } from './api';",
    '',
    "type MatchResponse = paths['/api/match']['post']['responses'][200]['content']['application/json'];",
    '',
    `export const example: MatchResponse = ${json};`,
    '',
    '// The generated type is neither `unknown` nor `any` (both would accept anything, the README example too)…',
    'type Unchecked<T> = unknown extends T ? true : false;',
    'export const typed: Unchecked<MatchResponse> = false;',
    '// …and it knows the statuses: one the API never answers must not type-check.',
    '// @ts-expect-error',
    "export const impossible: MatchResponse['results'][number]['status'] = 'maybe';",
    '',
  ].join('\n');
}

function typeCheck(file) {
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: false,
    types: [],
  };
  const program = ts.createProgram([file], options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${path.basename(d.file.fileName)}(${line + 1},${character + 1}): ${text}`;
  });
}

async function main() {
  const dir = option('--out') ? path.resolve(option('--out')) : fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-client-'));
  fs.mkdirSync(dir, { recursive: true });
  const specFile = option('--spec') ? path.resolve(option('--spec')) : path.join(dir, 'spec.json');
  if (!option('--spec')) fs.writeFileSync(specFile, JSON.stringify(await buildSpec(), null, 2));

  const { default: openapiTS, astToString } = require('openapi-typescript');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  fs.writeFileSync(path.join(dir, 'api.d.ts'), astToString(await openapiTS(spec, { silent: true })));

  const example = option('--example') ? fs.readFileSync(option('--example'), 'utf8') : readmeExample();
  const file = path.join(dir, 'readme-example.ts');
  fs.writeFileSync(file, exampleSource(example));
  const problems = typeCheck(file);
  if (problems.length > 0) {
    console.error(
      `The example does not type-check against the client generated from the spec (${dir}):\n${problems.join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`The example type-checks against the generated client's POST /api/match response (${dir})`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
