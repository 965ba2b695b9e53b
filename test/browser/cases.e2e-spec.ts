/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import type { Page } from 'playwright-core';
import request from 'supertest';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, TestBrowser } from './support/browser';
import { contrastAndLabelViolations } from './support/axe';

/**
 * The review loop in a real browser (Debian chromium, headless) against the real service, across the company,
 * caseworker and dashboard pages: a company applies for two measures with a contact; the caseworker asks for
 * information; the company sees it on its receipt page and updates; the case returns with the change marked;
 * the caseworker confirms one, rejects one ("save and next" goes to the next case), records a payment; the
 * dashboard counts it.
 */
const RATE = 'k895-high-tech-preferential-rate';
const TRANSFER = 'k895-tech-transfer-income-exemption';

let app: TestApp;
let browser: TestBrowser;
let page: Page;
let pageErrors: string[];
let caseworkerToken: string;
let adminToken: string;

beforeAll(async () => {
  app = await startTestApp();
  const users = app.app.get(UsersService);
  caseworkerToken = (await users.create({ name: '王审核', role: 'caseworker' })).token;
  adminToken = (await users.create({ name: '管理员', role: 'admin' })).token;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  await browser.context.clearCookies();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.addInitScript(() => localStorage.setItem('lang', 'zh'));
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|404)/.test(m.text())) pageErrors.push(m.text());
  });
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function signIn(token: string, next = 'reviews.html'): Promise<void> {
  await page.goto(`${app.url}/${next}`);
  await page.waitForURL(/\/signin\.html\?next=/);
  await page.waitForSelector('body[data-ready]');
  await page.fill('#token', token);
  await page.click('#signin-submit');
  await page.waitForURL(new RegExp(next.replace('.', '\\.')));
  await page.waitForSelector('body[data-ready]');
}

const text = async (sel: string) => ((await page.locator(sel).first().textContent()) ?? '').trim();

it('walks the loop across the company, caseworker and dashboard pages', async () => {
  // The company matches, ticks two measures, gives a contact and submits its application.
  await page.goto(`${app.url}/`);
  await page.waitForSelector('body[data-ready]');
  await page.fill('input[name="name"]', '深圳市精测仪器有限公司');
  await page.selectOption('select[name="city"]', 'shenzhen');
  await page.selectOption('select[name="entityType"]', 'enterprise');
  await page.check('input[name="qualifications"][value="high-tech-enterprise"]');
  await page.fill('input[name="revenue"]', '200,000,000');
  await page.fill('input[name="rdExpense"]', '1000万');
  await page.click('#submit');
  await page.waitForSelector('#apply:not([hidden]) #apply-form');
  await page.click('#apply-submit');
  await expect(text('#apply-error')).resolves.toContain('请至少勾选一项措施');
  await page.check(`#apply-form input[value="${RATE}"]`);
  await page.check(`#apply-form input[value="${TRANSFER}"]`);
  await page.fill('#apply-name', '张经理');
  await page.fill('#apply-phone', '13800138000');
  await page.fill('#apply-email', 'zhang@example.com');
  await screenshot(page, 'cases-1-company-apply', { selector: '#apply' });
  await page.click('#apply-submit');
  await page.waitForSelector('#apply-receipt-link');
  const receiptHref = (await page.locator('#apply-receipt-link').getAttribute('href'))!;
  expect(receiptHref).toMatch(/^receipt\.html#id=[0-9a-f-]{36}&token=/);
  const caseId = await text('#case-id');

  await page.click('#apply-receipt-link');
  await page.waitForSelector('body[data-ready] #case-status');
  await expect(text('#case-status')).resolves.toBe('审核中');
  expect(await page.locator('#receipt-id').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.locator('#case-measures tbody tr').count()).resolves.toBe(2);
  expect(await contrastAndLabelViolations(page)).toEqual([]); // no contrast, label or name violations
  await screenshot(page, 'cases-2-receipt-pending');

  // A second company applies (through the API), so "save and next" has somewhere to go.
  await request(app.url)
    .post('/api/submissions')
    .send({
      profile: {
        name: '广州第二家公司',
        city: 'guangzhou',
        entityType: 'enterprise',
        qualifications: ['high-tech-enterprise'],
      },
      application: { measureIds: [RATE], contact: { name: '李', email: 'li@example.com' } },
    })
    .expect(201);

  // The caseworker opens the case from the queue (filtered by city) and asks for information on one measure.
  await signIn(caseworkerToken);
  await page.waitForSelector('body[data-view="queue"] #queue-body tr');
  await expect(page.locator('#queue-body tr').count()).resolves.toBe(2);
  expect(await contrastAndLabelViolations(page)).toEqual([]); // no contrast, label or name violations
  await screenshot(page, 'cases-3-queue');
  await page.click(`#queue-body tr[data-id="${caseId}"] a.open-case`);
  await page.waitForSelector('body[data-view="detail"] #detail-heading');
  await expect(text('#detail-heading')).resolves.toBe('深圳市精测仪器有限公司');
  await expect(text('#case-contact')).resolves.toBe('张经理 · 13800138000 · zhang@example.com');
  expect(await page.locator('#measure-0 .doc-context mark.cited-quote').count()).toBeGreaterThan(0);
  await page.check('#decision-form-1 input[value="needs-info"]');
  await page.fill('#decision-comment-1', '请补充技术转让所得金额，并提供技术合同登记证明');
  await page.click('#decision-form-1 button[value="save"]');
  await page.waitForFunction(() => document.querySelector('#case-status')?.textContent === '待企业补充');
  await screenshot(page, 'cases-4-case-needs-info');

  // The company sees it on its receipt page and updates its profile.
  await page.goto(`${app.url}/${receiptHref}`);
  await page.waitForSelector('body[data-ready] #needs-info-note');
  await expect(text(`#case-measures tr[data-measure="${TRANSFER}"]`)).resolves.toContain(
    '请补充技术转让所得金额，并提供技术合同登记证明',
  );
  expect(await page.locator('#case').textContent()).not.toContain('王审核');
  await page.fill('#u-techTransferIncome', '300万');
  expect(await contrastAndLabelViolations(page)).toEqual([]); // no contrast, label or name violations
  await screenshot(page, 'cases-5-receipt-needs-info');
  await page.click('#update-submit');
  await page.waitForFunction(() => document.querySelector('#case-status')?.textContent === '审核中');
  await expect(page.locator('#update-done').isVisible()).resolves.toBe(true);

  // The case is back in the queue, the change marked; confirm one, reject the other and go to the next case.
  await page.goto(`${app.url}/reviews.html#/?city=shenzhen`);
  await page.waitForSelector(`#queue-body tr[data-id="${caseId}"] .badge.returned`);
  await page.click(`#queue-body tr[data-id="${caseId}"] a.open-case`);
  await page.waitForSelector('#changes');
  await expect(text('#changes tbody tr')).resolves.toMatch(/技术转让所得[\s\S]*3,000,000/);
  await page.check('#decision-form-0 input[value="confirmed"]');
  await page.fill('#decision-comment-0', '高新技术企业证书在有效期内');
  await page.click('#decision-form-0 button[value="save"]');
  await page.waitForFunction(() => !!document.querySelector('#history-table-0 tbody tr'));
  await page.check('#decision-form-1 input[value="rejected"]');
  await page.fill('#decision-comment-1', '技术合同未在科技部门登记，不符合减免条件');
  await page.goto(page.url().replace('city=shenzhen', 'status=all')); // the same case under a wider filter
  // Only the hash changes: the case is drawn again, and until then the old form is still on the page.
  await page.waitForFunction(() => document.body.dataset.route === location.hash);
  await page.waitForSelector('#decision-form-1');
  await page.check('#decision-form-1 input[value="rejected"]');
  await page.fill('#decision-comment-1', '技术合同未在科技部门登记，不符合减免条件');
  await page.click('#decision-form-1 button[value="next"]');
  await page.waitForFunction(() => document.querySelector('#detail-heading')?.textContent === '广州第二家公司');
  expect(page.url()).toContain('status=all');
  await page.click('#back-to-queue');
  await page.waitForSelector('body[data-view="queue"]');
  expect(page.url()).toMatch(/#\/\?status=all$/);

  // A payment on the confirmed measure; the history stays inside its panel at 1366 px.
  await page.goto(`${app.url}/reviews.html#/case/${caseId}?status=all`);
  await page.waitForSelector('#decision-form-0 input[value="paid"]');
  await page.check('#decision-form-0 input[value="paid"]');
  await page.fill('#paid-amount-0', '2,000,000');
  await page.fill('#paid-on-0', '2026-11-20');
  await page.fill('#decision-comment-0', '已按 2025 年度汇算清缴结果兑现');
  await page.click('#decision-form-0 button[value="save"]');
  await page.waitForSelector('#history-table-0 tbody tr:nth-child(2)');
  await expect(text('#case-status')).resolves.toBe('已办结');
  const fits = await page.$$eval('.history-panel', (panels) =>
    panels.map((p) => {
      const table = p.querySelector('table');
      return !table || table.getBoundingClientRect().right <= p.getBoundingClientRect().right + 0.5;
    }),
  );
  expect(fits.every(Boolean)).toBe(true);
  await expect(text('#history-table-0 tbody tr:last-child')).resolves.toMatch(/已拨付[\s\S]*2,000,000/);
  expect(await contrastAndLabelViolations(page)).toEqual([]); // no contrast, label or name violations
  await screenshot(page, 'cases-6-case-decided');

  // The company sees the outcome; the dashboard counts it.
  await page.goto(`${app.url}/${receiptHref}`);
  await page.waitForSelector('body[data-ready] #case-status');
  await expect(text('#case-status')).resolves.toBe('审核完毕');
  await expect(text(`#case-measures tr[data-measure="${RATE}"]`)).resolves.toMatch(/已拨付[\s\S]*2,000,000/);
  await screenshot(page, 'cases-7-receipt-decided');
  // On a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, 'cases-7-receipt-decided-375');
  await page.setViewportSize({ width: 1366, height: 900 });

  await page.goto(`${app.url}/dashboard.html`);
  await page.waitForSelector('body[data-ready] #table-measure tbody tr');
  await expect(text('#kpi-cases .kpi-value')).resolves.toBe('2');
  await expect(text('#kpi-decided .kpi-value')).resolves.toBe('1');
  const rateRow = (
    await page.locator('#table-measure tbody tr', { hasText: '高新技术企业' }).first().innerText()
  ).split('\t');
  expect(rateRow.slice(1, 4)).toEqual(['2', '1', '0']);
  expect(rateRow.at(-1)).toBe('100%');
  await page.waitForFunction(() => !!document.querySelector('#chart-measure canvas'));
  expect(await contrastAndLabelViolations(page)).toEqual([]); // no contrast, label or name violations
  await screenshot(page, 'cases-8-dashboard');
  const csv = await page.request.get(`${app.url}${await page.locator('#dash-csv').getAttribute('href')}`);
  expect((await csv.text()).split('\n')[0]).toContain('措施编号,措施名称,申报数');
});

it('shows the dashboard to an admin, in English on request', async () => {
  await signIn(adminToken, 'dashboard.html');
  await page.waitForSelector('body[data-ready] #kpis .dash-kpi');
  await page.click('#lang-toggle');
  await page.waitForFunction(
    () => document.querySelector('#dash-heading')?.textContent === 'Applications and payments',
  );
  await expect(page.locator('#decisions-csv').isHidden()).resolves.toBe(true);
});
