import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { defaultRulesDir } from '../rules/rule-pack-loader';
import { CoverageSectionSpec, CoverageSpec } from './coverage';

/**
 * Reads `rules/coverage/*.yaml`. Kept apart from the rule pack loader on purpose: coverage data explains the
 * pack to reviewers and does not take part in matching, so it is not part of the pack's version hash.
 * Shape problems are returned, not thrown, so `rules check` can list them with everything else.
 */
export function loadCoverageSpecs(dir: string = defaultCoverageDir()): { specs: CoverageSpec[]; problems: string[] } {
  const specs: CoverageSpec[] = [];
  const problems: string[] = [];
  if (!fs.existsSync(dir)) return { specs, problems: [`${dir}: coverage folder not found`] };
  for (const name of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = path.join('coverage', name);
    let data: unknown;
    try {
      data = yaml.load(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (e) {
      problems.push(`${file}: malformed YAML: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    const errs = specProblems(data);
    if (errs.length > 0) {
      problems.push(...errs.map((p) => `${file}: ${p}`));
      continue;
    }
    const spec = data as Omit<CoverageSpec, 'file'>;
    if (name.replace(/\.ya?ml$/, '') !== spec.document) problems.push(`${file}: file name must be the document id ("${spec.document}.yaml")`);
    specs.push({ ...spec, file });
  }
  return { specs, problems };
}

export function defaultCoverageDir(rulesDir: string = defaultRulesDir()): string {
  return path.join(rulesDir, 'coverage');
}

/** Where the committed Markdown copy of the report lives: `docs/rule-coverage.md` beside `rules/`. */
export function defaultCoverageMarkdownPath(rulesDir: string = defaultRulesDir()): string {
  return path.join(path.dirname(rulesDir), 'docs', 'rule-coverage.md');
}

const SECTION_KEYS = new Set(['section', 'anchor', 'heading', 'omitted', 'clausesOmitted']);

function specProblems(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ['must hold a mapping with "document" and "sections"'];
  const d = data as Record<string, unknown>;
  const p: string[] = [];
  for (const key of Object.keys(d)) if (!['document', 'measurePrefix', 'sections'].includes(key)) p.push(`unknown key "${key}"`);
  if (typeof d.document !== 'string' || !d.document) p.push('"document" (a document id) is required');
  if (d.measurePrefix !== undefined && typeof d.measurePrefix !== 'string') p.push('"measurePrefix" must be a string');
  if (!Array.isArray(d.sections) || d.sections.length === 0) return [...p, '"sections" must be a non-empty list'];
  d.sections.forEach((s: unknown, i: number) => {
    const at = `sections[${i}]`;
    if (typeof s !== 'object' || s === null) {
      p.push(`${at}: must be a mapping`);
      return;
    }
    const sec = s as Record<string, unknown>;
    for (const key of Object.keys(sec)) if (!SECTION_KEYS.has(key)) p.push(`${at}: unknown key "${key}"`);
    if (typeof sec.section !== 'string' || !sec.section.trim()) p.push(`${at}: "section" is required`);
    if (typeof sec.anchor !== 'string' || !sec.anchor.trim()) p.push(`${at}: "anchor" is required`);
    if (sec.heading !== undefined && typeof sec.heading !== 'boolean') p.push(`${at}: "heading" must be true or false`);
    if (sec.omitted !== undefined && (typeof sec.omitted !== 'string' || !sec.omitted.trim())) p.push(`${at}: "omitted" must be a reason`);
    if (sec.clausesOmitted !== undefined) {
      const list = sec.clausesOmitted as CoverageSectionSpec['clausesOmitted'];
      if (!Array.isArray(list) || !list.every((c) => typeof c === 'object' && c !== null && typeof c.quote === 'string' && typeof c.reason === 'string')) {
        p.push(`${at}: "clausesOmitted" must be a list of {quote, reason}`);
      }
    }
  });
  return p;
}
