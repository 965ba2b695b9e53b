import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core, evaluated in the page (page.evaluate is not subject to the page's Content-Security-Policy). */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  targets: string[];
  summary: string;
}

/** The rules issue 11 asks every page to pass: contrast, and a label or name for every control. */
export const CONTRAST_AND_LABEL_RULES = [
  'color-contrast',
  'label',
  'select-name',
  'button-name',
  'link-name',
  'aria-input-field-name',
  'aria-progressbar-name',
];

/** WCAG 2.1 A/AA violations on the page as it stands (contrast, labels, names, structure), outside `exclude`. */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (exclude) => {
    type AxeResults = { violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<AxeResults> } }).axe;
    const context = exclude.length > 0 ? { include: [['body']], exclude: exclude.map((e) => [e]) } : document;
    const r = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
  }, exclude);
}

/** Only the contrast and label/name violations, one line per rule with its first targets. */
export async function contrastAndLabelViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  return (await axeViolations(page, exclude))
    .filter((v) => CONTRAST_AND_LABEL_RULES.includes(v.id))
    .map((v) => `${v.id}: ${v.targets.join(', ')} — ${v.summary}`);
}
