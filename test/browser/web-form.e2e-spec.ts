/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { PROFILE_FIELDS, PROFILE_FIELD_NAMES, FieldSpec } from '@app/engine';
import { startTestApp, TestApp } from '../support/test-app';
import { ARTIFACTS, launchBrowser, screenshot, TestBrowser } from './support/browser';
import { axeViolations } from './support/axe';

/**
 * The company web form at `/`, in a real browser (Debian chromium, headless) against the real service.
 * Measures asserted here exist in the rule pack today: pi-rd-intensity-benchmark, k895-rd-super-deduction,
 * k895-high-tech-preferential-rate, he-first-set-insurance-compensation, pi-rd-institution-vat-refund.
 * Most tests judge validity at IN_FORCE, a date inside the 2021–2025 action plans, so their measures are in force.
 */
const BENCHMARK_QUOTE = '产业重点骨干企业年研发投入占销售收入的比重达到6%以上';
const K895_QUOTE =
  '落实国家有关研发费用加计扣除、高新技术企业优惠税率、符合条件的技术转让所得减免等企业税收优惠政策，鼓励企业加大研发投入';

/** A date inside the action plans' period (2021–2025), as `?asOf=` on the page. */
const IN_FORCE = '2025-06-30';
/** The flagship Shenzhen firm of the brief (fixtures/profiles), with its taxable income for the tax estimates. */
const FLAGSHIP = {
  ...(JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../fixtures/profiles/shenzhen-instrument-maker.json'), 'utf8'),
  ) as Record<string, unknown>),
  taxableIncome: 20_000_000,
};
/** A firm that filled in three fields. */
const THREE_FIELDS = { city: 'shenzhen', entityType: 'enterprise', clusters: ['precision-instruments'] };

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
  // The draft is kept in localStorage, which every page of this browser shares: start each test blank.
  await page.evaluate(() => localStorage.removeItem('company-draft')).catch(() => undefined);
  await page.close();
  expect(pageErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

async function open(lang: 'zh' | 'en' = 'zh', asOf: string | null = IN_FORCE): Promise<void> {
  await page.goto(`${app.url}/?lang=${lang}${asOf ? `&asOf=${asOf}` : ''}`);
  await page.waitForSelector('body[data-ready]');
}

/** Fills the form from a profile, control by control, as a person would. */
async function fillProfile(profile: Record<string, unknown>): Promise<void> {
  for (const [field, value] of Object.entries(profile)) {
    const spec = PROFILE_FIELDS[field as keyof typeof PROFILE_FIELDS] as FieldSpec;
    if (spec.type === 'enumArray') {
      const values = value as string[];
      if (values.length === 0) await page.check(`input[name="none:${field}"]`);
      for (const v of values) await page.check(`input[name="${field}"][value="${v}"]`);
    } else if (spec.type === 'enum' || spec.type === 'boolean') {
      await page.selectOption(`select[name="${field}"]`, String(value));
    } else {
      await page.fill(`input[name="${field}"]`, String(value));
    }
  }
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
  const renders = Number((await page.getAttribute('#results', 'data-renders')) ?? 0);
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/match') && r.method() === 'POST'),
    page.waitForResponse((r) => r.url().includes('/api/match')),
    page.click('#submit'),
  ]);
  await page.waitForFunction((n) => Number(document.getElementById('results')?.dataset.renders ?? 0) > n, renders);
  return request;
}

const card = (measureId: string) => page.locator(`article.card[data-measure="${measureId}"]`);
const activeName = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page (`/Pages` is the tree). */
const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

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
    const rd = page.locator('#results-eligible article[data-measure="k895-rd-super-deduction"]');
    expect(await rd.count()).toBe(1);
    expect(squash(await rd.locator('blockquote.quote').textContent())).toContain(K895_QUOTE);
    expect(await rd.locator('.doc-number').first().textContent()).toContain('粤科函高字〔2022〕895号');
    expect(await rd.locator('.badge.kind').textContent()).toBe('税收优惠');
    expect(await rd.locator('.badge.nature').textContent()).toBe('依法享受');
    expect(await rd.locator('.cond.pass .icon').first().textContent()).toBe('✓');
    expect(await rd.textContent()).toContain('10,000,000 元（1,000 万元）');
    expect(await rd.locator('.facts').textContent()).toContain('省税务局');
    expect(await rd.locator('.not-checkable li').count()).toBeGreaterThan(0);
    const eligibleCount = await page.locator('#results-eligible article').count();
    await page.waitForFunction(
      (n) => (document.querySelector('#live')?.textContent ?? '').includes(`可享受或可申请 ${n} 项措施`),
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

  it('lists undecided measures by the field that decides them, largest group first; the field link puts the cursor in it', async () => {
    await open();
    await fillExample();
    await submit();
    const groups = page.locator('#results-needs .field-group');
    const fields = await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-field')!));
    expect(fields.length).toBeGreaterThan(1);
    const counts = await groups.evaluateAll((gs) => gs.map((g) => g.querySelectorAll('.needs-item').length));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Each line says how many measures the field decides; every undecided measure is listed exactly once.
    const lines = await page.locator('#results-needs .field-line').allTextContents();
    lines.forEach((line, i) => expect(line).toContain(`」可判断 ${counts[i]} 项`));
    const items = await page
      .locator('#results-needs .needs-item')
      .evaluateAll((li) => li.map((l) => l.getAttribute('data-measure')));
    expect(new Set(items).size).toBe(items.length);
    expect(await page.textContent('#results-needs-title')).toContain(String(items.length));
    expect(items).toContain('k895-rd-super-deduction');
    // The lists stay folded until asked for: one line per field, not one card per measure.
    expect(await page.locator('#results-needs .needs-list:visible').count()).toBe(0);
    expect(await page.locator('#results-needs article').count()).toBe(0);
    const first = groups.first();
    await first.locator('button.toggle').click();
    expect(await first.locator('.needs-item').first().isVisible()).toBe(true);
    // A title opens the measure's full card (conditions, quoted clause) in place.
    await first.locator('.needs-item summary').first().click();
    const opened = first.locator('.needs-item article.card').first();
    // The card is built on the details' toggle event, which the browser fires after the click returns.
    await opened.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await opened.isVisible()).toBe(true);
    expect(
      await opened.locator('.missing a.jump').evaluateAll((as) => as.map((a) => a.getAttribute('data-field'))),
    ).toContain(fields[0]);
    // The field link focuses the field, by mouse and by keyboard.
    await first.locator('a.field-link').click();
    expect(await activeName()).toBe(fields[0]);
    expect(await page.locator(`[name="${fields[0]}"]`).first().isVisible()).toBe(true);
    await page.focus('#submit');
    await first.locator('a.field-link').focus();
    await page.keyboard.press('Enter');
    expect(await activeName()).toBe(fields[0]);
    // The overview jumps to a group.
    await page.click('.overview .ov-needs a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-needs-title');
  });

  it('leads with what the firm can get: in-force money-bearing items first, the estimate one click from its formula, how to apply', async () => {
    await open();
    await fillProfile(FLAGSHIP);
    await submit();
    const summary = await page.textContent('#results-summary');
    expect(summary).toContain('可享受或可申请 9 项措施');
    expect(summary).toContain('预计可享受税收优惠约 ¥350 万元/年（估算）');
    const ids = await page
      .locator('#results-eligible article')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-measure')));
    expect(ids.slice(0, 2)).toEqual(['k895-high-tech-preferential-rate', 'k895-rd-super-deduction']);
    expect(ids).toHaveLength(9);
    const rate = card('k895-high-tech-preferential-rate');
    expect(await rate.locator('.estimate-amount').textContent()).toBe('¥200 万元/年');
    expect(await rate.locator('.estimate-text').isVisible()).toBe(false);
    await rate.locator('details.estimate > summary').click();
    expect(await rate.locator('.estimate-text').isVisible()).toBe(true);
    expect(await rate.locator('.estimate-text').textContent()).toContain('2,000 万元');
    expect(await rate.locator('.how-to-apply').textContent()).not.toBe('');
    // An application without a stated procedure points to the department's call.
    const noHow = page.locator('#results-eligible article.nature-application').first();
    expect(await noHow.locator('.how-to-apply').textContent()).toBe('以主管部门通知为准');
    // The conditions and quotes are one click away, folded with their tally.
    expect(await rate.locator('details.conditions').getAttribute('open')).toBeNull();
    expect(await rate.locator('details.conditions summary .tally').textContent()).toMatch(/✓/);
    // Everything else is folded behind its count, and no group holds a measure twice.
    for (const id of ['benchmarks', 'guidance', 'rest', 'expired']) {
      expect(await page.locator(`#results-${id} button.toggle`).getAttribute('aria-expanded')).toBe('false');
      expect(await page.isHidden(`#results-${id}-list`)).toBe(true);
    }
    expect(await page.locator('#results-guidance-title .count').textContent()).toContain('54');
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
    expect(await page.textContent('#e-revenue')).toBe('营业收入不能小于 0');
    expect(await page.textContent('#e-employees')).toBe('从业人员数须为整数');
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
    expect(await page.textContent('#e-rdExpense')).toBe('研发费用不能小于 0');
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
    expect(await page.textContent('#e-revenue')).toBe('营业收入须为数字（元）');
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
      'Super-deduction of R&D expenses',
    );
    expect(await card('k895-rd-super-deduction').locator('.badge.kind').textContent()).toBe('Tax incentive');
    expect(await page.textContent('#results-near .near-hint')).toBe('Spend 2,000,000 yuan more on R&D to reach 6%');
    expect(await page.textContent('#results-eligible .group-heading')).toContain('You can get or apply for');
    expect(await page.textContent('#results-summary')).toMatch(
      /^\d+ measure\(s\) you can get or apply for; .*\d+ near miss\(es\), \d+ need more information\.$/,
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
    await card('pi-rd-intensity-benchmark').locator('details.conditions > summary').click();
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
    expect(await page.textContent('.doc-callout')).toContain('研发机构（含高等学校）采购国产设备');
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

  it("on today's date puts the ended action plans under 已到期，仅供参考, each saying why", async () => {
    await open('zh', null);
    await fillExample({ rdExpense: '10000000' });
    await submit();
    expect(await page.locator('#results-eligible article[data-measure="pi-rd-intensity-benchmark"]').count()).toBe(0);
    await page.click('#results-expired button.toggle');
    const expired = page.locator('#results-expired-list article[data-measure="pi-rd-intensity-benchmark"]');
    expect(await expired.locator('.badge.not-in-force').textContent()).toBe('已过政策期');
    expect(await expired.locator('.period-note').textContent()).toContain('2025-12-31');
    expect(await page.textContent('#results-expired-title')).toContain('已到期，仅供参考');
    // The national tax rules stand on their own and still lead.
    expect(await page.locator('#results-eligible article').first().getAttribute('data-measure')).toBe(
      'k895-rd-super-deduction',
    );
  });

  it('keeps benchmarks, guidance, measures not met and ended ones folded behind their counts', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await submit();
    const toggle = page.locator('#results-rest button.toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.isHidden('#results-rest-list')).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const n = Number(/\d+/.exec((await page.textContent('#results-rest-title .count'))!)![0]);
    expect(await page.locator('#results-rest-list article').count()).toBe(n);
    expect(await page.isVisible('#results-rest-list article[data-measure="k895-little-giant"]')).toBe(true);
    expect(await card('k895-little-giant').locator('.cond.fail').count()).toBeGreaterThan(0);
    // Open groups stay open when the results are drawn again (language switch, new search).
    await submit();
    expect(await page.isVisible('#results-rest-list article[data-measure="k895-little-giant"]')).toBe(true);
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

  it('prints the summary, the eligible and near-miss cards and the needs-info list by field: the flagship firm in 6 A4 pages or fewer', async () => {
    await open();
    await fillProfile(FLAGSHIP);
    await submit();
    await page.emulateMedia({ media: 'print' });
    expect(await page.isHidden('#profile-form')).toBe(true);
    expect(await page.isHidden('#results .keep')).toBe(true);
    expect(await page.isVisible('#results-summary')).toBe(true);
    expect(await page.isVisible('#results-eligible')).toBe(true);
    expect(await page.isVisible('#results-near')).toBe(true);
    expect(await page.isVisible('#results-needs .needs-item')).toBe(true);
    expect(await page.isHidden('#results-guidance')).toBe(true);
    expect(await page.isHidden('#results-expired')).toBe(true);
    expect(await page.isVisible('#profile-summary')).toBe(true);
    expect(await page.textContent('#profile-summary')).toContain('200,000,000 元（20,000 万元）');
    expect(await page.textContent('#profile-summary')).toContain('财务年度2025');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'print-zh', { fullPage: false });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'results-zh.pdf'), format: 'A4', printBackground: true });
    const pages = pdfPageCount(pdf);
    console.log(`flagship firm prints on ${pages} A4 page(s)`);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(6);
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
    await page.waitForSelector('#results-needs a.field-link[data-field="rdExpense"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    await tabTo('#results-needs a.field-link[data-field="rdExpense"]');
    await page.keyboard.press('Enter');
    expect(await activeName()).toBe('rdExpense');
    await page.keyboard.type('10000000');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/match')), page.keyboard.press('Enter')]);
    await page.waitForSelector('#results-near .near-hint');
    // The document view and back, by keyboard: unfold the card's sources, follow the link.
    await tabTo('#card-pi-rd-intensity-benchmark details.conditions > summary');
    await page.keyboard.press('Enter');
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
    for (const id of ['benchmarks', 'guidance', 'rest', 'expired']) await page.click(`#results-${id} button.toggle`);
    await page.locator('#results-needs .field-group button.toggle').first().click();
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
    await card('pi-rd-intensity-benchmark').locator('details.conditions > summary').click();
    await card('pi-rd-intensity-benchmark').locator('a.view-original').click();
    await page.waitForSelector('mark.cited');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'document-zh-phone', { fullPage: false });
  });

  it('"清空重填" empties every field and forgets the kept draft', async () => {
    await open();
    await fillExample({ rdExpense: '10000000' });
    await page.click('#clear-form');
    expect(await page.inputValue('input[name="revenue"]')).toBe('');
    expect(await page.inputValue('input[name="rdExpense"]')).toBe('');
    expect(await page.inputValue('select[name="city"]')).toBe('');
    expect(await page.isChecked('input[name="clusters"][value="precision-instruments"]')).toBe(false);
    expect(await page.textContent('#w-revenue')).toBe('');
    expect(await page.evaluate(() => localStorage.getItem('company-draft'))).toBeNull();
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.inputValue('select[name="city"]')).toBe('');
  });

  it('keeps the draft in the browser across a reload, checkboxes and typed text as they were', async () => {
    await open();
    await fillExample({ rdExpense: '1000万' });
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.inputValue('select[name="city"]')).toBe('shenzhen');
    expect(await page.inputValue('input[name="revenue"]')).toBe('200,000,000');
    expect(await page.inputValue('input[name="rdExpense"]')).toBe('1000万');
    expect(await page.textContent('#w-rdExpense')).toContain('10,000,000 元');
    expect(await page.isChecked('input[name="qualifications"][value="key-backbone"]')).toBe(true);
    const request = await submit();
    expect(request.postDataJSON()).toMatchObject({ city: 'shenzhen', revenue: 200_000_000, rdExpense: 10_000_000 });
  });

  it('warns (and still sends) when R&D expense is above revenue, an intensity over 100%', async () => {
    await open();
    await page.fill('input[name="revenue"]', '1000');
    await page.fill('input[name="rdExpense"]', '5000');
    await page.click('input[name="employees"]');
    expect(await page.textContent('#e-rdExpense')).toContain('研发费用高于营业收入');
    expect(await page.getAttribute('input[name="rdExpense"]', 'aria-invalid')).toBeNull();
    // Correcting revenue clears it.
    await page.fill('input[name="revenue"]', '100000');
    await page.click('input[name="employees"]');
    expect(await page.isHidden('#e-rdExpense')).toBe(true);
    await page.fill('input[name="revenue"]', '1000');
    const request = await submit();
    expect(request.postDataJSON()).toEqual({ revenue: 1000, rdExpense: 5000 });
    expect(await page.textContent('#results .warning-box')).toContain('研发费用高于营业收入');
  });

  it('bounds the figures year to 2000 through the current year, as the API does, in Chinese words only', async () => {
    await open();
    const year = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    await page.fill('input[name="fiscalYear"]', String(year + 1));
    await page.click('#submit');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await page.textContent('#e-fiscalYear')).toBe(`财务年度不能大于 ${year}`);
    const res = await fetch(`${app.url}/api/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fiscalYear: year + 1 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string[]> }).errors.fiscalYear).toEqual([
      `财务年度不能大于 ${year}`,
    ]);
    await page.fill('input[name="fiscalYear"]', String(year));
    await page.fill('input[name="revenue"]', '1,2,3');
    await page.click('#submit');
    await page.waitForSelector('#e-revenue:not([hidden])');
    expect(await page.isHidden('#e-fiscalYear')).toBe(true);
    const messages = await page.locator('#error-summary li').allTextContents();
    expect(messages.filter((m) => /[a-zA-Z]{3,}/.test(m))).toEqual([]);
  });

  it('shows the flagship firm what it can get on its first screen, on a page a third of the old height', async () => {
    for (const [asOf, label] of [
      [IN_FORCE, 'in-force'],
      [null, 'today'],
    ] as const) {
      await page.setViewportSize({ width: 1366, height: 900 });
      await open('zh', asOf);
      await fillProfile(FLAGSHIP);
      await submit();
      await page.waitForTimeout(100);
      const summary = (await page.locator('#results-summary').boundingBox())!;
      expect(summary.y).toBeGreaterThanOrEqual(0);
      expect(summary.y + summary.height).toBeLessThanOrEqual(900);
      expect(await page.textContent('#results-summary')).toMatch(/预计可享受税收优惠约 ¥[\d,.]+ 万元\/年（估算）/);
      const first = page.locator('#results-eligible article').first();
      expect(await first.locator('.estimate-amount').count()).toBe(1);
      expect(await first.getAttribute('class')).not.toContain('out-of-force');
      expect((await first.boundingBox())!.y).toBeLessThan(900);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`flagship firm (asOf ${asOf ?? 'today'}): page height ${height} px at 1366 px`);
      expect(height).toBeLessThanOrEqual(34_900 / 3);
      await screenshot(page, `flagship-${label}-1366`, { fullPage: false });
      await screenshot(page, `flagship-${label}-1366-full`);
      await page.setViewportSize({ width: 375, height: 812 });
      await page.evaluate(() => document.getElementById('results')?.scrollIntoView({ block: 'start' }));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(page, `flagship-${label}-375`, { fullPage: false });
    }
  });

  it('shows a firm that filled in three fields which fields to add first, without a card per undecided measure', async () => {
    for (const width of [1366, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await open();
      await fillProfile(THREE_FIELDS);
      await submit();
      // What to add first, at the top of the results, before any card.
      const top = await page
        .locator('.first-fields a.jump')
        .evaluateAll((as) => as.map((a) => a.getAttribute('data-field')));
      expect(top).toHaveLength(3);
      expect(top[0]).toBe('activities');
      const topBox = (await page.locator('.first-fields').boundingBox())!;
      expect(topBox.y).toBeLessThan((await page.locator('#results-eligible').boundingBox())!.y);
      await page.click('.first-fields a.jump[data-field="activities"]');
      expect(await activeName()).toBe('activities');
      const first = page.locator('#results-needs .field-group').first();
      expect(await first.getAttribute('data-field')).toBe('activities');
      expect(await first.locator('.field-line').textContent()).toMatch(
        /^填写「正在开展或计划开展的事项」可判断 \d+ 项/,
      );
      const cards = await page.locator('article.card:visible').count();
      const eligible = await page.locator('#results-eligible article').count();
      expect(cards).toBe(eligible);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`3-field firm: ${cards} cards shown, page height ${height} px at ${width} px`);
      await page.evaluate(() => document.getElementById('results')?.scrollIntoView({ block: 'start' }));
      await screenshot(page, `three-fields-${width}`, { fullPage: false });
      await screenshot(page, `three-fields-${width}-full`);
      await page.locator('#results-needs .field-group button.toggle').first().click();
      await screenshot(page, `three-fields-${width}-needs`, { selector: '#results-needs' });
    }
  });

  it("shows a document's body without the source site's navigation, the text on file staying verbatim", async () => {
    const api = (await (await fetch(`${app.url}/api/documents/ykhgz-2022-895`)).json()) as {
      text: string;
      body: { start: number; end: number };
    };
    expect(api.text).toContain('[首页](#)');
    expect(api.text.slice(api.body.start)).toMatch(/^粤科函高字〔2022〕895号/);
    expect(api.text.slice(0, api.body.end)).toMatch(/2022年6月14日$/);
    await page.goto(`${app.url}/?lang=zh&asOf=${IN_FORCE}#/document/ykhgz-2022-895?measure=k895-rd-super-deduction`);
    await page.waitForSelector('mark.cited');
    const text = (await page.textContent('.doc-text'))!;
    for (const nav of ['[首页]', '分享到', '版权所有', '当前位置']) expect(text).not.toContain(nav);
    expect(text.startsWith('粤科函高字〔2022〕895号')).toBe(true);
    expect(await page.getAttribute('.doc-text', 'data-start')).toBe(String(api.body.start));
    expect(await page.getAttribute('.doc-text', 'data-end')).toBe(String(api.body.end));
    expect(squash(await page.textContent('mark.cited'))).toContain(K895_QUOTE);
    expect(await page.textContent('.doc-status')).toContain('有效');
    await screenshot(page, 'document-body-zh', { fullPage: false });
  });

  it("shows a document's status at the date judged: 已到期 after its period, 已被替代 with its successor", async () => {
    await page.goto(`${app.url}/?lang=zh#/document/ykhgz-2022-895`);
    await page.waitForSelector('#doc-heading');
    expect(await page.textContent('.doc-status .badge')).toBe('已到期');
    await page.goto(`${app.url}/?lang=zh&asOf=${IN_FORCE}#/document/gd-high-end-equipment-2021-2025-draft`);
    await page.waitForSelector('#doc-heading');
    expect(await page.textContent('.doc-status .badge')).toBe('已被替代');
    expect(await page.textContent('.doc-successor')).toContain('粤工信装备〔2023〕13号');
  });

  it('passes an automated accessibility check (axe-core, WCAG 2.1 AA): no contrast, label or name violations', async () => {
    await open();
    // The check itself sees a planted grey-on-white line and an unlabelled box.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'planted';
      p.style.cssText = 'color:#aaa;background:#fff';
      p.textContent = '低对比度';
      const input = document.createElement('input');
      input.id = 'planted-input';
      document.querySelector('main')!.append(p, input);
    });
    expect((await axeViolations(page)).map((v) => v.id).sort()).toEqual(['color-contrast', 'label']);
    await page.evaluate(() => ['planted', 'planted-input'].forEach((id) => document.getElementById(id)!.remove()));
    expect(await axeViolations(page)).toEqual([]);
    await fillProfile(FLAGSHIP);
    await submit();
    for (const id of ['benchmarks', 'guidance', 'rest', 'expired']) await page.click(`#results-${id} button.toggle`);
    await page.locator('#results-needs .field-group button.toggle').first().click();
    await page.locator('#results-eligible details.estimate > summary').first().click();
    await page.locator('#results-eligible details.conditions > summary').first().click();
    await page.fill('input[name="revenue"]', '-1');
    await page.click('#submit');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.url}/?lang=zh&asOf=${IN_FORCE}#/document/ykhgz-2022-895?measure=k895-rd-super-deduction`);
    await page.waitForSelector('mark.cited');
    expect(await axeViolations(page)).toEqual([]);
  });
});
