/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { writeSyntheticTenantCsv } from '@app/batch';
import { PROFILE_FIELDS } from '@app/engine';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, TestBrowser } from './support/browser';
import { contrastAndLabelViolations } from './support/axe';

/**
 * 园区批量筛查 in a real browser (Debian chromium, headless) against the real service: a park-admin signs in,
 * uploads a small tenant file with bad rows, watches it finish, reads the per-measure summary, the rejected rows
 * by number, sorts the tenant table, downloads the results, and switches to English — under the service's CSP.
 */
let app: TestApp;
let browser: TestBrowser;
let page: Page;
let pageErrors: string[];
let token: string;
let dir: string;

beforeAll(async () => {
  app = await startTestApp();
  token = (await app.app.get(UsersService).create({ name: '高新园区', role: 'park-admin', parkId: 'sz-hitech' })).token;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-screening-page-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('lang', 'zh'));
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|400)/.test(m.text())) pageErrors.push(m.text());
  });
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function signIn(): Promise<void> {
  await browser.context.clearCookies(); // each test signs in afresh
  await page.goto(`${app.url}/screening.html`);
  await page.waitForURL(/\/signin\.html\?next=screening\.html/);
  await page.waitForSelector('body[data-ready]');
  // Written for the people who sign in, not for the ones who run the service.
  expect(await page.locator('#signin-form').innerText()).not.toMatch(/users create|命令|CLI/);
  await screenshot(page, 'signin-zh', { fullPage: false });
  await page.fill('#token', token);
  await page.click('#signin-submit');
  await page.waitForURL(/\/screening\.html/);
  await page.waitForSelector('body[data-ready]');
}

const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).innerText.trim()));

it('a park-admin uploads a tenant file with bad rows and gets progress, a summary, the bad rows by number, a sortable table and downloads', async () => {
  const file = path.join(dir, '园区企业名单.csv');
  const info = writeSyntheticTenantCsv(file, { rows: 120, badEvery: 40, seed: 21 });
  await signIn();
  await expect(page.locator('#user-name').textContent()).resolves.toBe('已登录：高新园区（园区管理员）');

  // A file with unknown columns is refused at once, naming them.
  const wrong = path.join(dir, 'wrong.csv');
  fs.writeFileSync(wrong, '企业名称,注册资本\n某公司,100\n');
  await page.setInputFiles('#file', wrong);
  await page.click('#upload');
  await page.waitForSelector('#upload-error:not([hidden])');
  expect(await page.locator('#upload-error').innerText()).toContain('注册资本');

  // So is a file with the headers and nothing under them.
  const headerOnly = path.join(dir, 'header-only.csv');
  fs.writeFileSync(headerOnly, `${fs.readFileSync(file, 'utf8').split('\r\n')[0]}\r\n`);
  await page.setInputFiles('#file', headerOnly);
  await page.click('#upload');
  await page.waitForFunction(() => (document.querySelector('#upload-error')?.textContent ?? '').includes('只有表头'));

  await page.setInputFiles('#file', file);
  await page.click('#upload');
  await page.waitForFunction(() => /^#[0-9a-f-]{36}$/.test(location.hash));
  await page.waitForSelector('#summary-section:not([hidden])', { timeout: 30_000 });
  expect(await page.locator('#progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(100);
  expect(await page.locator('#progress-text').innerText()).toBe(
    `筛查完成：共 120 行，已筛查 ${120 - info.badRows.length} 家企业，${info.badRows.length} 行未通过校验。`,
  );

  const measures = (await (await page.request.get(`${app.url}/api/measures`)).json()) as unknown[];
  expect(await page.locator('#measure-body tr').count()).toBe(measures.length);
  expect(await texts('#measure-head th')).toEqual(['措施', '符合', '需补充信息', '接近符合', '不符合']);

  // Every bad row by its number and reason.
  const rejected = await texts('#rejected-list li');
  expect(rejected.map((r) => Number(/^第 (\d+) 行/.exec(r)![1]))).toEqual(info.badRows.map((b) => b.rowNumber));
  // Each reason names its field by the Chinese label only (no internal field names on the Chinese page).
  info.badRows.forEach((b, i) => {
    expect(rejected[i]).toContain(PROFILE_FIELDS[b.field as keyof typeof PROFILE_FIELDS].label.zh);
    expect(rejected[i]).not.toContain(b.field);
  });

  // 50 tenants a page; sorted by eligible measures, most first; then by row number on request.
  expect(await page.locator('#tenant-body tr').count()).toBe(50);
  const eligible = (await texts('#tenant-body tr td:nth-child(3)')).map(Number);
  expect(eligible).toEqual([...eligible].sort((a, b) => b - a));
  await page.click('#tenant-head button[data-sort="rowNumber"]');
  await page.waitForSelector('#tenant-head th[aria-sort="ascending"] button[data-sort="rowNumber"]');
  const firstRows = (await texts('#tenant-body tr td:nth-child(1)')).map(Number);
  expect(firstRows.slice(0, 3)).toEqual([2, 3, 4]);
  await page.click('#next-page');
  await page.waitForFunction(() => (document.querySelector('#tenants-summary')?.textContent ?? '').includes('第 51–'));
  await screenshot(page, 'screening-zh', { fullPage: false });
  await screenshot(page, 'screening-zh-tenants', { selector: '#tenants-section' });

  // Downloads go to the API with the session cookie.
  const csvHref = await page.locator('#downloads a').first().getAttribute('href');
  const csv = await page.request.get(`${app.url}${csvHref}`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(120 - info.badRows.length + 1);

  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Park batch screening');
  await page.waitForFunction(() => (document.querySelector('#measure-head th')?.textContent ?? '') === 'Measure');
  expect(await page.locator('#progress-text').innerText()).toMatch(/^Done: 120 rows/);
  expect(await page.locator('#downloads a').first().getAttribute('href')).toContain('lang=en');
  await page.waitForSelector('#recent a');
  expect(await page.locator('#recent a').first().innerText()).toContain('园区企业名单.csv');
  await screenshot(page, 'screening-en');
}, 60_000);

it('a park-admin goes from a 500-tenant screening to one tenant’s explanation in two clicks, finds a tenant by credit code, and reads every measure title in English', async () => {
  const file = path.join(dir, '五百家企业.csv');
  const info = writeSyntheticTenantCsv(file, { rows: 500, badEvery: 100, seed: 5 });
  // One more tenant whose credit code fails the check character: accepted, with a warning the table must show.
  const good = info.goodCreditCodes[0];
  const unchecked = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
  fs.appendFileSync(file, `${unchecked},校验码待核实有限公司,深圳\r\n`);
  await signIn();

  // The button stays disabled while the file goes up (the upload is held back for a moment to see it).
  await page.route(
    (url) => url.pathname === '/api/screenings',
    async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    },
  );
  await page.setInputFiles('#file', file);
  await page.click('#upload');
  await expect(page.locator('#upload').isDisabled()).resolves.toBe(true);
  await expect(page.locator('#upload').innerText()).resolves.toBe('正在上传…');
  await page.waitForFunction(() => /^#[0-9a-f-]{36}$/.test(location.hash));
  await expect(page.locator('#upload').isDisabled()).resolves.toBe(false);
  await page.waitForSelector('#tenants-section:not([hidden])', { timeout: 60_000 });
  const screeningUrl = page.url();

  // Rejected rows in Chinese name the allowed values in Chinese, never by internal ids such as next-gen-electronics.
  const rejected = await texts('#rejected-list li');
  expect(rejected).toHaveLength(info.badRows.length);
  for (const reason of rejected) expect(reason).not.toMatch(/\b[a-z]+(?:-[a-z]+)+\b/);
  const clusterReason = rejected[info.badRows.findIndex((b) => b.field === 'clusters')];
  expect(clusterReason).toContain('新一代电子信息');

  // "符合的措施" lists claims in force first: never a benchmark, guidance or expired measure before one of them.
  const lists = await texts('#tenant-body td.eligible-list');
  for (const list of lists.filter((l) => l !== '—')) {
    const parts = list.replace(/ 等 \d+ 项$/, '').split('；');
    const firstMarked = parts.findIndex((p) => /（(对标|政策导向|已到期)）$/.test(p));
    if (firstMarked >= 0)
      expect(parts.slice(firstMarked).every((p) => /（(对标|政策导向|已到期)）$/.test(p))).toBe(true);
  }

  // The warning is in the table: find the tenant by its credit code, lower case and all.
  await page.fill('#search', unchecked.toLowerCase());
  await page.press('#search', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#tenant-body tr').length === 1);
  expect(await page.locator('#tenants-summary').innerText()).toContain('找到 1 家');
  expect(await page.locator('#tenant-body .row-warning').innerText()).toMatch(/^提示：.*统一社会信用代码/);
  await page.click('#tenant-body a.tenant-link');
  await page.waitForSelector('#tenant-view:not([hidden]) #tenant-results > *');
  expect(await page.locator('#tenant-heading').innerText()).toBe('校验码待核实有限公司');
  expect(await page.locator('#tenant-warning').isVisible()).toBe(true);
  await page.click('#tenant-back');
  await page.waitForSelector('#tenants-section:not([hidden])');
  await page.click('#search-clear');
  await page.waitForFunction(() => document.querySelectorAll('#tenant-body tr').length === 50);

  // Sort by the estimate on the server: largest first.
  await page.click('#tenant-head button[data-sort="estimatedValue"]');
  await page.waitForSelector('#tenant-head th[aria-sort="descending"] button[data-sort="estimatedValue"]');
  const firstTenant = await page.locator('#tenant-body a.tenant-link').first().innerText();
  expect(await contrastAndLabelViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, 'screening-500-1366', { fullPage: false });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'screening-500-375', { fullPage: false });
  await page.evaluate(() => document.querySelector('#tenants-heading')!.scrollIntoView());
  await screenshot(page, 'screening-500-375-tenants', { fullPage: false });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1366, height: 900 });

  // Two clicks from the screening to one tenant's explanation: the measure, then the tenant.
  await page.goto(screeningUrl);
  await page.waitForSelector('#measure-body a');
  const started = Date.now();
  const measureLink = page.locator('#measure-body a').first();
  const measureTitle = await measureLink.innerText();
  await measureLink.click();
  await page.waitForSelector('#measure-view:not([hidden]) #measure-tenants-body tr');
  expect(await page.locator('#measure-heading').innerText()).toBe(measureTitle);
  await screenshot(page, 'screening-measure-1366', { fullPage: false });
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, 'screening-measure-375', { fullPage: false });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1366, height: 900 });
  const tenantLink = page.locator('#measure-tenants-body a.tenant-link').first();
  const tenantName = await tenantLink.innerText();
  await tenantLink.click();
  await page.waitForSelector(
    '#tenant-view:not([hidden]) #tenant-results .card, #tenant-view:not([hidden]) #tenant-results article',
  );
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(await page.locator('#tenant-heading').innerText()).toBe(tenantName);
  expect(await page.locator('#tenant-results').innerText()).toContain(measureTitle);
  // The whole drill-down, the company page's cards included.
  expect(await contrastAndLabelViolations(page)).toEqual([]);
  await screenshot(page, 'screening-drilldown-1366', { fullPage: false });
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, 'screening-drilldown-375', { fullPage: false });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1366, height: 900 });

  // English covers measure titles: the summary table, the drill-down and the tenant list.
  const english = (await (await page.request.get(`${app.url}/api/measures?lang=en`)).json()) as { title: string }[];
  const englishTitles = new Set(english.map((m) => m.title));
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.querySelector('#tenant-back')?.textContent === '← Back to the screening');
  await page.waitForFunction(() => /[A-Za-z]/.test(document.querySelector('#tenant-results')?.textContent ?? ''));
  await page.click('#tenant-profile summary');
  await screenshot(page, 'screening-drilldown-en-1366', { fullPage: false });
  await page.click('#tenant-back');
  await page.waitForFunction(() => (document.querySelector('#measure-head th')?.textContent ?? '') === 'Measure');
  const titles = await texts('#measure-body th a');
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles)
    expect(englishTitles.has(title.replace(/ \((expired|benchmark|guidance)\)$/, ''))).toBe(true);
  expect(firstTenant).toBeTruthy();
}, 120_000);
