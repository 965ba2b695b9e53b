/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { PROFILE_FIELDS, PROFILE_FIELD_NAMES, FieldSpec } from '@app/engine';
import { startTestApp, TestApp } from '../support/test-app';
import { ARTIFACTS, launchBrowser, screenshot, TestBrowser } from './support/browser';

/**
 * The company web form at `/`, in a real browser (Debian chromium, headless) against the real service.
 * Measures asserted here exist in the rule pack today: pi-rd-intensity-benchmark, k895-rd-super-deduction,
 * k895-tech-transfer-income-exemption, he-first-set-insurance-compensation.
 */
const BENCHMARK_QUOTE = '产业重点骨干企业年研发投入占销售收入的比重达到6%以上';
const K895_QUOTE =
  '落实国家有关研发费用加计扣除、高新技术企业优惠税率、符合条件的技术转让所得减免等企业税收优惠政策，鼓励企业加大研发投入';

let app: TestApp;
let browser: TestBrowser;
let page: Page;
let pageErrors: string[];
let foreignRequests: string[];

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
  await page.setViewportSize({ width: 1280, height: 900 });
  pageErrors = [];
  foreignRequests = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A 400 is an expected answer (validation); Chromium logs every non-2xx fetch, so that line is not an error here.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 400/.test(m.text())) pageErrors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
  });
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

async function open(lang: 'zh' | 'en' = 'zh'): Promise<void> {
  await page.goto(`${app.url}/?lang=${lang}`);
  await page.waitForSelector('body[data-ready]');
}

/** The Shenzhen precision-instrument maker of the brief; without R&D expense unless given. */
async function fillExample(opts: { rdExpense?: string; fiscalYear?: string } = {}): Promise<void> {
  await page.selectOption('select[name="city"]', 'shenzhen');
  await page.selectOption('select[name="entityType"]', 'enterprise');
  await page.check('input[name="clusters"][value="precision-instruments"]');
  await page.check('input[name="qualifications"][value="key-backbone"]');
  await page.fill('input[name="revenue"]', '200,000,000');
  if (opts.rdExpense !== undefined) await page.fill('input[name="rdExpense"]', opts.rdExpense);
  if (opts.fiscalYear !== undefined) await page.fill('input[name="fiscalYear"]', opts.fiscalYear);
}

/** Submits and waits for the match request and the rendered results; returns the request. */
async function submit(): Promise<Request> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/match') && r.method() === 'POST'),
    page.waitForResponse((r) => r.url().includes('/api/match')),
    page.click('#submit'),
  ]);
  await page.waitForSelector('#results:not([hidden]) article.card');
  return request;
}

const card = (measureId: string) => page.locator(`article.card[data-measure="${measureId}"]`);
const activeName = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

describe('company web form at / (chromium)', () => {
  it('serves the page in Chinese with every contract field as a control named after it, each with a label', async () => {
    await open();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('h1')).toContain('支持措施');
    for (const field of PROFILE_FIELD_NAMES) {
      const spec = PROFILE_FIELDS[field] as FieldSpec;
      const controls = page.locator(`[name="${field}"]`);
      if (spec.type === 'enumArray') {
        expect(await controls.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).type))).toEqual(
          spec.values.map(() => 'checkbox'),
        );
        expect((await controls.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).sort()).toEqual(
          [...spec.values].sort(),
        );
        expect(await page.locator(`input[type="checkbox"][name="none:${field}"]`).count()).toBe(1);
      } else if (spec.type === 'enum' || spec.type === 'boolean') {
        expect(await controls.evaluate((e) => e.tagName)).toBe('SELECT');
        const values = await controls
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(values).toEqual(['', ...(spec.type === 'enum' ? spec.values : ['true', 'false'])]);
      } else {
        expect(await controls.count()).toBe(1);
      }
    }
    // Every control is labelled: its own <label>, or (checkboxes) the label that wraps it inside a legend'd fieldset.
    const unlabelled = await page.$$eval('#profile-form input, #profile-form select', (els) =>
      els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => (e as HTMLInputElement).name),
    );
    expect(unlabelled).toEqual([]);
    // Amount fields say their unit and carry a short hint.
    expect(await page.textContent('#field-revenue')).toContain('元');
    expect(await page.textContent('#h-revenue')).toContain('全年营业收入');
    expect(await page.$$eval('fieldset.group > legend', (ls) => ls.map((l) => l.textContent))).toEqual([
      '基本信息',
      '财务数据',
      '资质与研发机构',
      '正在开展或计划的事项',
    ]);
  });

  it('fills and submits the profile: the eligible measures appear with their quoted clauses, and the result is announced', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    expect(await page.textContent('#w-revenue')).toContain('20,000 万元');
    const request = await submit();
    expect(request.postDataJSON()).toEqual({
      city: 'shenzhen',
      entityType: 'enterprise',
      clusters: ['precision-instruments'],
      qualifications: ['key-backbone'],
      revenue: 200000000,
      rdExpense: 10000000,
    });
    for (const id of ['k895-rd-super-deduction', 'k895-tech-transfer-income-exemption']) {
      const c = page.locator(`#results-eligible article[data-measure="${id}"]`);
      expect(await c.count()).toBe(1);
      expect(squash(await c.locator('blockquote.quote').textContent())).toContain(K895_QUOTE);
      expect(await c.locator('.doc-number').first().textContent()).toContain('粤科函高字〔2022〕895号');
      expect(await c.locator('.badge.kind').textContent()).toBe('税收优惠');
      expect(await c.locator('.cond.pass .icon').first().textContent()).toBe('✓');
    }
    const rd = card('k895-rd-super-deduction');
    expect(await rd.textContent()).toContain('10,000,000 元（1,000 万元）');
    expect(await rd.locator('.facts').textContent()).toContain('省税务局');
    expect(await rd.locator('.not-checkable li').count()).toBeGreaterThan(0);
    const eligibleCount = await page.locator('#results-eligible article').count();
    await page.waitForFunction(
      (n) => (document.querySelector('#live')?.textContent ?? '').includes(`符合条件 ${n} 项`),
      eligibleCount,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    await screenshot(page, 'results-zh');
    await screenshot(page, 'results-zh-top', { fullPage: false });
  });

  it('shows the near miss in words and money: 研发费用再增加 200 万元即可达到 6%', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    const near = page.locator('#results-near article[data-measure="pi-rd-intensity-benchmark"]');
    expect(await near.locator('.near-hint').textContent()).toBe('研发费用再增加 200 万元即可达到 6%');
    const detail = await near.locator('.near-detail').textContent();
    expect(detail).toContain('当前 5%，要求 6%');
    expect(detail).toContain('2,000,000 元（200 万元）');
    expect(await near.locator('.cond.fail').textContent()).toContain('您的情况：5%');
    expect(await near.locator('.badge.kind').textContent()).toBe('对标指标');
    expect(squash(await near.locator('blockquote.quote').textContent())).toContain(BENCHMARK_QUOTE);
  });

  it('a needs-info card names the missing field, and its link puts the cursor in that field', async () => {
    await open();
    await fillExample();
    await submit();
    const needs = page.locator('#results-needs article[data-measure="pi-rd-intensity-benchmark"]');
    const link = needs.locator('a.jump[data-field="rdExpense"]');
    expect(await link.textContent()).toContain('研发费用');
    expect(await needs.locator('.cond.unknown .icon').textContent()).toBe('?');
    await link.click();
    expect(await activeName()).toBe('rdExpense');
    expect(await page.locator('input[name="rdExpense"]').isVisible()).toBe(true);
    // The same by keyboard.
    await page.focus('#submit');
    await link.focus();
    await page.keyboard.press('Enter');
    expect(await activeName()).toBe('rdExpense');
  });

  it('ranks the fields that would decide the most undecided measures at the top of the results, each a link to its field', async () => {
    await open();
    await fillExample();
    await submit();
    const links = page.locator('.next-steps a.jump');
    const fields = await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-field')));
    expect(fields).toContain('rdExpense');
    const counts = await page
      .locator('.next-steps .next-count')
      .evaluateAll((els) => els.map((e) => Number(/\d+/.exec(e.textContent ?? '')![0])));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      await page.locator('#results-needs article').count(),
    );
    await page.click('.next-steps a.jump[data-field="rdExpense"]');
    expect(await activeName()).toBe('rdExpense');
    // The overview jumps to a group.
    await page.click('.overview .ov-needs a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-needs-title');
  });

  it('shows conditions open on eligible and near-miss cards, and folded with a ✓/✗/? tally on the others', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    expect(await page.locator('#results-eligible details.conditions:not([open])').count()).toBe(0);
    expect(await page.locator('#results-near details.conditions[open]').count()).toBe(
      await page.locator('#results-near article').count(),
    );
    const folded = card('pi-rd-institution-vat-refund').locator('details.conditions');
    await page.click('#results-rest button.toggle');
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await folded.locator('summary .tally').textContent()).toMatch(/✓.*1.*✗.*1.*\?.*1/);
    expect(await folded.locator('.cond').first().isVisible()).toBe(false);
    await folded.locator('summary').click();
    expect(await folded.locator('.cond').first().isVisible()).toBe(true);
  });

  it("shows a client-side validation error beside the field, in the server's words, and sends nothing", async () => {
    await open();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/match')) sent.push(r.url());
    });
    await page.fill('input[name="revenue"]', '-5');
    await page.fill('input[name="employees"]', '12.5');
    await page.fill('input[name="creditCode"]', '91440300');
    await page.click('#submit');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await page.textContent('#e-revenue')).toBe('营业收入（revenue）不能小于 0');
    expect(await page.textContent('#e-employees')).toBe('从业人员数（employees）须为整数');
    expect(await page.textContent('#e-creditCode')).toContain('须为 18 位');
    expect(await page.getAttribute('input[name="revenue"]', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('input[name="revenue"]', 'aria-describedby')).toContain('e-revenue');
    // The message sits right under its own field.
    const box = (await page.locator('input[name="revenue"]').boundingBox())!;
    const msg = (await page.locator('#e-revenue').boundingBox())!;
    expect(msg.y).toBeGreaterThan(box.y);
    expect(msg.y - (box.y + box.height)).toBeLessThan(60);
    expect(Math.abs(msg.x - box.x)).toBeLessThan(5);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await screenshot(page, 'form-errors-zh', { selector: '#group-finance' });
    // The summary links to the field.
    await page.click('#error-summary a[href="#field-revenue"]');
    expect(await activeName()).toBe('revenue');
    expect(sent).toEqual([]);
  });

  it('shows a server 400 next to the field it names', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    // The client checks would stop a negative amount, so change the body on its way to the real server.
    await page.route('**/api/match?*', (route) =>
      route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), rdExpense: -1 }) }),
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/match')),
      page.click('#submit'),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForSelector('#e-rdExpense:not([hidden])');
    expect(await page.textContent('#e-rdExpense')).toBe('研发费用（rdExpense）不能小于 0');
    expect(await page.textContent('#error-summary')).toContain('服务器未接受');
    expect(await page.locator('#results').isHidden()).toBe(true);
  });

  it('accepts a credit code whose check character is off, with a warning beside the field and in the results', async () => {
    await open();
    await page.fill('input[name="creditCode"]', '91440300ma5g8xtk1a');
    const request = await submit();
    expect(request.postDataJSON()).toEqual({ creditCode: '91440300MA5G8XTK1A' });
    expect(await page.textContent('#e-creditCode')).toContain('校验位不符');
    expect(await page.getAttribute('input[name="creditCode"]', 'aria-invalid')).toBeNull();
    expect(await page.textContent('#results .warning-box')).toContain('校验位不符');
  });

  it("reads typed amounts with the engine's one rule: 1000万 and full-width digits are numbers, 1,2,3 is refused, never 123", async () => {
    await open();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/match')) sent.push(r.url());
    });
    await page.fill('input[name="revenue"]', '1,2,3');
    await page.click('#submit');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await page.textContent('#e-revenue')).toBe('营业收入（revenue）须为数字（元）');
    expect(sent).toEqual([]);
    await page.fill('input[name="revenue"]', '1000万');
    await page.fill('input[name="rdExpense"]', '１２０万元');
    await page.fill('input[name="employees"]', '３２０');
    await page.fill('input[name="exportValue"]', '1,234,567.5');
    const request = await submit();
    expect(request.postDataJSON()).toEqual({
      revenue: 10_000_000,
      rdExpense: 1_200_000,
      employees: 320,
      exportValue: 1_234_567.5,
    });
  });

  it('client-side checks give the same reasons as the server for the same input', async () => {
    await open();
    const cases = [
      { revenue: -5 },
      { employees: 2.5 },
      { fiscalYear: 1999 },
      { fiscalYear: 2101 },
      { creditCode: 'abc' },
      { name: 'x'.repeat(201) },
      { parkId: 'p'.repeat(101) },
      { revenue: 'lots', inventionPatents: -1 },
    ];
    // A string, not a function: ts-jest would rewrite the dynamic import for CommonJS.
    const pairs = await page.evaluate<
      { profile: unknown; lang: string; status: number; server: unknown; client: unknown }[]
    >(`(async () => {
      const m = await import('/engine/profile.js');
      const out = [];
      for (const lang of ['zh', 'en']) {
        for (const profile of ${JSON.stringify(cases)}) {
          const res = await fetch('/api/match?lang=' + lang, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
          out.push({ profile, lang, status: res.status, server: (await res.json()).errors, client: m.validateProfile(profile, lang).errors });
        }
      }
      return out;
    })()`);
    expect(pairs).toHaveLength(cases.length * 2);
    for (const p of pairs) {
      expect(p.status).toBe(400);
      expect({ profile: p.profile, lang: p.lang, errors: p.client }).toEqual({
        profile: p.profile,
        lang: p.lang,
        errors: p.server,
      });
    }
  });

  it('switches to English with the visible toggle: form, results and near-miss sentence in English, values kept', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    const toggle = page.locator('#lang-toggle');
    expect(await toggle.textContent()).toBe('English');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/match?lang=en')), toggle.click()]);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('#results-near .near-hint');
    expect(await page.textContent('h1')).toContain('support measures');
    expect(await page.textContent('label[for="f-revenue"]')).toContain('Revenue');
    expect(await page.$$eval('fieldset.group > legend', (ls) => ls.map((l) => l.textContent))).toEqual([
      'Basic information',
      'Financial figures',
      'Qualifications and R&D centres',
      'Activities under way or planned',
    ]);
    expect(await page.inputValue('input[name="revenue"]')).toBe('200,000,000');
    expect(await page.inputValue('select[name="city"]')).toBe('shenzhen');
    expect(await page.locator('select[name="city"] option:checked').textContent()).toBe('Shenzhen');
    expect(await page.isChecked('input[name="clusters"][value="precision-instruments"]')).toBe(true);
    expect(await card('k895-rd-super-deduction').locator('.card-title').textContent()).toBe(
      '100% super-deduction of R&D expenses',
    );
    expect(await card('k895-rd-super-deduction').locator('.badge.kind').textContent()).toBe('Tax incentive');
    expect(await page.textContent('#results-near .near-hint')).toBe('Spend 2,000,000 yuan more on R&D to reach 6%');
    expect(await page.textContent('#results-eligible .group-heading')).toContain('Eligible');
    expect(await page.textContent('#results-summary')).toMatch(
      /^\d+ measures: \d+ eligible, \d+ need more information, \d+ near miss/,
    );
    // No Chinese UI words left on the results (quotes, titles of Chinese documents and department names aside).
    const chrome = await page.$$eval(
      '#results .sub, #results .group-heading, #results .facts dt, #results .badge, #results .actual, #results button',
      (els) => els.map((e) => e.textContent ?? ''),
    );
    expect(chrome.filter((s) => /[\u4e00-\u9fff]/.test(s))).toEqual([]);
    expect(
      await card('k895-rd-super-deduction')
        .locator('a.view-original')
        .evaluate((a) => a.firstChild?.textContent),
    ).toBe('View original text');
    await screenshot(page, 'results-en');
    await page.evaluate(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'results-en-top', { fullPage: false });
    // And back; the choice survives a reload without ?lang.
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/match?lang=zh')), toggle.click()]);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${app.url}/`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.evaluate(() => localStorage.removeItem('lang'));
  });

  it('"查看原文" opens the document text with the quoted clause highlighted, in view, and comes back to the card', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    const link = card('pi-rd-intensity-benchmark').locator('a.view-original');
    await link.click();
    await page.waitForSelector('#view-document:not([hidden]) mark.cited');
    expect(page.url()).toContain('#/document/gd-precision-instruments-2021-2025?measure=pi-rd-intensity-benchmark');
    expect(await page.locator('#view-main').isHidden()).toBe(true);
    expect(await page.textContent('#doc-heading')).toBe(
      '广东省培育精密仪器设备战略性新兴产业集群行动计划（2021—2025年）',
    );
    const marks = page.locator('mark.cited');
    expect(await marks.count()).toBe(1);
    expect(squash(await marks.first().textContent())).toBe(BENCHMARK_QUOTE);
    // Highlighted in context: the full text is there around it, and the passage is on screen.
    expect((await page.textContent('.doc-text'))!.length).toBeGreaterThan(5000);
    const viewport = page.viewportSize()!;
    const mark = (await marks.first().boundingBox())!;
    expect(mark.y).toBeGreaterThanOrEqual(0);
    expect(mark.y + mark.height).toBeLessThanOrEqual(viewport.height);
    expect(await marks.first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await screenshot(page, 'document-zh', { fullPage: false });
    await page.click('#view-document button.back');
    await page.waitForSelector('#view-main:not([hidden])');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'view-pi-rd-intensity-benchmark-gd-precision-instruments-2021-2025',
    );
  });

  it('opens a document link directly (shared or bookmarked) without results on the page', async () => {
    await page.goto(
      `${app.url}/?lang=zh#/document/gd-precision-instruments-2021-2025?measure=pi-rd-institution-vat-refund`,
    );
    await page.waitForSelector('mark.cited');
    expect(squash(await page.textContent('mark.cited'))).toBe('落实研发机构采购国产精密仪器设备全额退还增值税政策');
    expect(await page.textContent('.doc-callout')).toContain('研发机构采购国产仪器设备');
  });

  it('"以上都没有" sends an empty list; an untouched group is left out (unknown)', async () => {
    await open();
    await page.check('input[name="none:qualifications"]');
    await page.fill('input[name="rdExpense"]', '1000万');
    expect(await page.textContent('#w-rdExpense')).toContain('10,000,000 元');
    let request = await submit();
    expect(request.postDataJSON()).toEqual({ qualifications: [], rdExpense: 10000000 });
    // Choosing a qualification clears "none of these", and vice versa.
    await page.check('input[name="qualifications"][value="tech-sme"]');
    expect(await page.isChecked('input[name="none:qualifications"]')).toBe(false);
    expect(await page.isVisible('#stale')).toBe(true);
    request = await submit();
    expect(request.postDataJSON()).toEqual({ qualifications: ['tech-sme'], rdExpense: 10000000 });
    await page.check('input[name="none:qualifications"]');
    expect(await page.isChecked('input[name="qualifications"][value="tech-sme"]')).toBe(false);
    // Booleans: 未知 / 是 / 否.
    await page.selectOption('select[name="listed"]', 'false');
    request = await submit();
    expect(request.postDataJSON()).toEqual({ qualifications: [], rdExpense: 10000000, listed: false });
  });

  it('marks measures on a draft document and measures outside their policy period', async () => {
    await open();
    await fillExample({ rdExpense: '10000000', fiscalYear: '2030' });
    await submit();
    await page.click('#results-rest button.toggle');
    expect(await card('he-first-set-insurance-compensation').locator('.badge.draft').textContent()).toBe('草案');
    expect(await card('he-first-set-insurance-compensation').locator('.draft-notice').textContent()).toContain(
      '征求意见稿',
    );
    expect(await card('pi-rd-intensity-benchmark').locator('.badge.not-in-force').textContent()).toBe('已过政策期');
    expect(await card('pi-rd-intensity-benchmark').textContent()).toContain('2030');
  });

  it('keeps the rest of the measures behind a toggle', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    const toggle = page.locator('#results-rest button.toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.isHidden('#results-rest-list')).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#results-rest-list article').count()).toBeGreaterThan(0);
    expect(await page.isVisible('#results-rest-list article[data-measure="pi-rd-institution-vat-refund"]')).toBe(true);
    expect(await card('pi-rd-institution-vat-refund').locator('.cond.fail').first().textContent()).toContain(
      '主体为研发机构',
    );
  });

  it('"保存" stores the submission and shows its reference id and receipt, which read it back', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/submissions')),
      page.click('#save'),
    ]);
    expect(response.status()).toBe(201);
    await page.waitForSelector('#receipt:not([hidden]) #receipt-id');
    const id = (await page.textContent('#receipt-id'))!;
    const token = (await page.textContent('#receipt-token'))!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(token.length).toBeGreaterThan(20);
    expect(await page.textContent('#receipt')).toContain('回执码');
    const back = await fetch(`${app.url}/api/submissions/${id}?receipt=${encodeURIComponent(token)}`);
    expect(back.status).toBe(200);
    expect(((await back.json()) as { profile: unknown }).profile).toEqual({
      city: 'shenzhen',
      entityType: 'enterprise',
      clusters: ['precision-instruments'],
      qualifications: ['key-backbone'],
      revenue: 200000000,
      rdExpense: 10000000,
    });
  });

  it('prints the results (not the form), with the profile they rest on', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    await page.emulateMedia({ media: 'print' });
    // Collapsed on screen, printed anyway: a printout is the whole record.
    expect(await page.isVisible('#results-rest-list article[data-measure="pi-rd-institution-vat-refund"]')).toBe(true);
    expect(await page.isHidden('#profile-form')).toBe(true);
    expect(await page.isHidden('#results .keep')).toBe(true);
    expect(await page.isVisible('#results-eligible')).toBe(true);
    expect(await page.isVisible('#profile-summary')).toBe(true);
    expect(await page.textContent('#profile-summary')).toContain('200,000,000 元（20,000 万元）');
    // Condition lists collapsed on screen are printed open.
    expect(await page.locator('#results-needs details.conditions:not([open]) .cond').first().isVisible()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'print-zh', { fullPage: false });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.pdf({ path: path.join(ARTIFACTS, 'results-zh.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('works with the keyboard alone: fill, submit with Enter, follow a needs-info link', async () => {
    await open();
    /** Presses Tab until the focused control matches, as a keyboard user would. */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 1500; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('select[name="city"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('select[name="city"]')).toBe('shenzhen');
    await tabTo('select[name="entityType"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('select[name="entityType"]')).toBe('enterprise');
    await tabTo('input[name="clusters"][value="precision-instruments"]');
    await page.keyboard.press('Space');
    await tabTo('input[name="revenue"]');
    await page.keyboard.type('200000000');
    await tabTo('input[name="qualifications"][value="key-backbone"]');
    await page.keyboard.press('Space');
    await tabTo('input[name="inventionPatents"]');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/match')), page.keyboard.press('Enter')]);
    await page.waitForSelector('#results-needs a.jump[data-field="rdExpense"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    await tabTo('#results-needs article[data-measure="pi-rd-intensity-benchmark"] a.jump[data-field="rdExpense"]');
    await page.keyboard.press('Enter');
    expect(await activeName()).toBe('rdExpense');
    await page.keyboard.type('10000000');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/match')), page.keyboard.press('Enter')]);
    await page.waitForSelector('#results-near .near-hint');
    // The document view and back, by keyboard.
    await tabTo('#view-pi-rd-intensity-benchmark-gd-precision-instruments-2021-2025');
    await page.keyboard.press('Enter');
    await page.waitForSelector('mark.cited');
    await tabTo('#view-document button.back');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-main:not([hidden])');
  });

  it('is readable on a 375-px phone: one column, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await open();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await fillExample({ rdExpense: '10000000' });
    await submit();
    await screenshot(page, 'results-zh-phone', { fullPage: false });
    await page.click('#results-rest button.toggle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const wide = await page.$$eval('#main *', (els) =>
      els
        .filter((e) => e.getBoundingClientRect().right > 375.5 && getComputedStyle(e).position !== 'absolute')
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(wide).toEqual([]);
    const revenue = (await page.locator('input[name="revenue"]').boundingBox())!;
    const rd = (await page.locator('input[name="rdExpense"]').boundingBox())!;
    expect(rd.y).toBeGreaterThan(revenue.y); // stacked, not side by side
    await page.click('#results-rest button.toggle');
    await card('pi-rd-intensity-benchmark').locator('a.view-original').click();
    await page.waitForSelector('mark.cited');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'document-zh-phone', { fullPage: false });
  });
});
