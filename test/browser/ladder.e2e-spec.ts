/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import type { Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, TestBrowser } from './support/browser';

/**
 * apps/web/public/ladder.js in a real browser, on the service's own `POST /api/match` answer. The company page's
 * `<section id="ladder">` belongs to that page's layout; here the test adds one so the module is tested on its own.
 */
const FIRM = {
  city: 'shenzhen',
  entityType: 'enterprise',
  employees: 120,
  revenue: 50_000_000,
  rdExpense: 1_900_000,
  taxableIncome: 10_000_000,
};

let app: TestApp;
let browser: TestBrowser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  page = await browser.context.newPage();
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function renderFor(profile: object, lang: 'zh' | 'en', width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${app.url}/?lang=${lang}`);
  await page.waitForSelector('body[data-ready]');
  // A string, so TypeScript leaves the dynamic import as the browser's own.
  await page.evaluate("import('/ladder.js').then((m) => { window.renderLadder = m.renderLadder; })");
  await page.evaluate(
    async ({ profile, lang }) => {
      const res = await fetch(`/api/match?lang=${lang}&asOf=2026-11-26`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(profile),
      });
      const match = await res.json();
      const section = document.createElement('section');
      section.id = 'ladder';
      document.querySelector('main')!.prepend(section);
      (window as unknown as { renderLadder: (...a: unknown[]) => void }).renderLadder(section, match.ladder, lang);
    },
    { profile, lang },
  );
  await page.waitForFunction(() => {
    const el = document.querySelector('#ladder .ladder-step');
    return el && getComputedStyle(el).borderLeftWidth === '4px';
  });
}

/** WCAG contrast of every text element in the section against the first opaque background behind it. */
async function lowContrast(): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad: string[] = [];
    for (const el of document.querySelectorAll('#ladder *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || (el as HTMLElement).offsetParent === null) continue;
      const a = lum(rgb(getComputedStyle(el).color));
      const b = lum(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) bad.push(`${el.className || el.tagName}: ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

describe('the qualification ladder on the page (ladder.js)', () => {
  it('shows the path from 科技型中小企业 with the R&D gap and the value 高新技术企业 unlocks, at 1366 px', async () => {
    await renderFor(FIRM, 'zh', 1366);
    const steps = page.locator('#ladder .ladder-step');
    await expect(steps.first().locator('.ladder-title').textContent()).resolves.toBe('科技型中小企业');
    const hte = page.locator('#ladder [data-qualification="high-tech-enterprise"]');
    await expect(hte.locator('.ladder-gaps').textContent()).resolves.toContain(
      '研发费用占比还差 1.2 个百分点，约 ¥60 万元',
    );
    await expect(hte.locator('.ladder-unlocks').textContent()).resolves.toMatch(
      /可新增 \d+ 项措施，估算约 ¥[\d.,]+ 万元\/年/,
    );
    await hte.locator('summary').click();
    await expect(hte.locator('.ladder-criteria').textContent()).resolves.toContain('国科发火〔2016〕32号 第十一条');
    await screenshot(page, 'ladder-1366', { selector: '#ladder' });
    await expect(lowContrast()).resolves.toEqual([]);
  });

  it('fits a 375 px screen in English without sideways scrolling', async () => {
    await renderFor(FIRM, 'en', 375);
    await expect(page.locator('#ladder h2').textContent()).resolves.toBe('Qualification ladder');
    await page.locator('#ladder [data-qualification="high-tech-enterprise"] summary').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'ladder-375-en', { selector: '#ladder' });
    await expect(lowContrast()).resolves.toEqual([]);
  });

  it('asks for figures instead of showing gaps when the firm gave none', async () => {
    await renderFor({ city: 'shenzhen', entityType: 'enterprise' }, 'zh', 1366);
    const hte = page.locator('#ladder [data-qualification="high-tech-enterprise"]');
    await expect(hte.locator('.ladder-badge').textContent()).resolves.toBe('需补充数据');
    await expect(hte.locator('.ladder-gaps').textContent()).resolves.toContain('填写相关数据后可判断');
  });
});
