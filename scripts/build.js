#!/usr/bin/env node
// Builds dist/ from apps/ and libs/ with `tsc -b tsconfig.build.json` (one project per app and lib, see that
// file), only when the sources changed since the last build, so `npm start`, `npm run cli` and `npm test` work
// straight after `npm install`. "Changed" is a fingerprint of every source's path, size and mtime: an added,
// edited or deleted file all count. After compiling, outputs whose source is gone are deleted (tsc -b never
// removes them), then tsc-alias rewrites the @app/* imports into relative paths for Node.
// `--force` builds from scratch into an emptied dist/; `--quiet` prints nothing when the build is current.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const SOURCE_DIRS = ['apps', 'libs'];
const CONFIGS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
/** What tsc emits for `x.ts`. */
const OUTPUT_SUFFIXES = ['.js', '.js.map', '.d.ts', '.d.ts.map'];
const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');

function walk(dir, onFile) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(full, onFile);
    } else onFile(full, entry.name);
  }
}

/** One hash over every source and build config: path, size and mtime. */
function sourceFingerprint(root) {
  const lines = [];
  const add = (file) => {
    const st = fs.statSync(file);
    lines.push(`${path.relative(root, file)}\t${st.size}\t${st.mtimeMs}`);
  };
  for (const dir of SOURCE_DIRS) {
    walk(path.join(root, dir), (file, name) => {
      if (isSource(name) || name === 'tsconfig.build.json') add(file);
    });
  }
  for (const config of CONFIGS) if (fs.existsSync(path.join(root, config))) add(path.join(root, config));
  return crypto.createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/** The source an output file was compiled from, or null for anything that is not a tsc output. */
function sourceOf(outputRel) {
  const suffix = OUTPUT_SUFFIXES.find((s) => outputRel.endsWith(s));
  return suffix ? `${outputRel.slice(0, -suffix.length)}.ts` : null;
}

/** Deletes outputs under dist/{apps,libs} whose .ts source no longer exists (and folders left empty); returns them. */
function pruneStaleOutputs(root, dist) {
  const removed = [];
  for (const dir of SOURCE_DIRS) {
    walk(path.join(dist, dir), (file) => {
      const source = sourceOf(path.relative(dist, file));
      if (source && !fs.existsSync(path.join(root, source))) {
        fs.rmSync(file);
        removed.push(path.relative(root, file));
      }
    });
    removeEmptyDirs(path.join(dist, dir));
  }
  return removed;
}

function removeEmptyDirs(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirs(path.join(dir, entry.name));
  }
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

/**
 * Builds `root` into `root/dist` if needed. Returns 'current' or 'built'. `bin` is where tsc and tsc-alias are
 * (this repository's node_modules/.bin); `log` receives what is worth saying.
 */
function build({
  root,
  force = false,
  bin = path.join(__dirname, '..', 'node_modules', '.bin'),
  log = () => {},
  alias = true,
}) {
  const dist = path.join(root, 'dist');
  const stamp = path.join(dist, '.build-stamp');
  const fingerprint = sourceFingerprint(root);
  if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) return 'current';
  if (force) fs.rmSync(dist, { recursive: true, force: true });
  log(
    force ? 'build: compiling apps/ and libs/ into an empty dist/ …' : 'build: compiling apps/ and libs/ into dist/ …',
  );
  fs.rmSync(stamp, { force: true }); // a failed build must not leave the old stamp saying "current"
  execFileSync(path.join(bin, 'tsc'), ['-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const removed = pruneStaleOutputs(root, dist);
  if (removed.length > 0) log(`build: removed ${removed.length} output(s) of deleted sources: ${removed.join(', ')}`);
  if (alias) execFileSync(path.join(bin, 'tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, fingerprint);
  return 'built';
}

module.exports = { build, pruneStaleOutputs, sourceFingerprint };

if (require.main === module) {
  const quiet = process.argv.includes('--quiet');
  const root = path.resolve(__dirname, '..');
  try {
    const result = build({ root, force: process.argv.includes('--force'), log: (s) => console.error(s) });
    if (result === 'current' && !quiet) console.error('build: dist/ is current');
  } catch (e) {
    // tsc has printed the errors (stdio inherited); nothing was emitted for a project with errors (noEmitOnError).
    console.error(`build: failed (${e.message.split('\n')[0]})`);
    process.exit(1);
  }
}
