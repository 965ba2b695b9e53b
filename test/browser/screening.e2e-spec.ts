/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { writeSyntheticTenantCsv } from '@app/batch';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, TestBrowser } from './support/browser';

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
  await page.goto(`${app.url}/screening.html`);
  await page.waitForURL(/\/signin\.html\?next=screening\.html/);
  await page.waitForSelector('body[data-ready]');
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
  info.badRows.forEach((b, i) => expect(rejected[i]).toContain(`（${b.field}）`));

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
