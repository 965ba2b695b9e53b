/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { impactOfFile, openTenantFile, PopulationImpact, writeSyntheticTenantCsv } from '@app/batch';
import { applyScenario, compilePack, loadRulePack } from '@app/engine';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, TestBrowser } from './support/browser';

/**
 * 政策沙盘 in a real browser (Debian chromium, headless) against the real service: a caseworker signs in, builds the
 * 6% → 5% scenario, saves it (the change comes back in words), runs it on a finished park screening inside the plan's
 * period, reads the counts and the charts, downloads the per-tenant changes, and switches to English.
 */
let app: TestApp;
let browser: TestBrowser;
let page: Page;
let pageErrors: string[];
let token: string;
let dir: string;
let tenants: string;

beforeAll(async () => {
  app = await startTestApp();
  const users = app.app.get(UsersService);
  token = (await users.create({ name: '政策研究室', role: 'caseworker' })).token;
  const park = (await users.create({ name: '高新园区', role: 'park-admin', parkId: 'sz-hitech' })).token;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-sandbox-page-'));
  tenants = path.join(dir, '高新园区企业名单.csv');
  writeSyntheticTenantCsv(tenants, { rows: 4000, seed: 1234 });
  const created = await request(app.url)
    .post('/api/screenings')
    .set('Authorization', `Bearer ${park}`)
    .field('asOf', '2025-06-30')
    .attach('file', tenants)
    .expect(202);
  for (let i = 0; i < 2400; i++) {
    const s = await request(app.url)
      .get(`/api/screenings/${created.body.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    if (s.body.status === 'done') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launchBrowser();
}, 300_000);
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

async function expectedGains(): Promise<number> {
  const base = loadRulePack();
  const applied = applyScenario(base, {
    name: 'x',
    changes: [{ measureId: 'pi-rd-intensity-benchmark', fact: 'rdIntensity', value: 0.05 }],
  });
  const impact = new PopulationImpact(compilePack(base), compilePack(applied.pack), { asOf: '2025-06-30', lang: 'zh' });
  await impactOfFile(await openTenantFile(tenants), impact, 'zh');
  return impact.report().gained;
}

it('a caseworker builds the 6% → 5% scenario, runs it on a screening, reads who gains, downloads the changes', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${app.url}/sandbox.html`);
  await page.waitForURL(/\/signin\.html\?next=sandbox\.html/);
  await page.waitForSelector('body[data-ready]');
  await page.fill('#token', token);
  await page.click('#signin-submit');
  await page.waitForURL(/\/sandbox\.html/);
  await page.waitForSelector('body[data-ready]');
  await expect(page.locator('h1').textContent()).resolves.toBe('政策沙盘');
  expect(await page.locator('#base-pack').innerText()).toMatch(/^基准规则包：sha256:/);

  await page.fill('#scenario-name', '研发投入强度门槛由 6% 降至 5%');
  await page.selectOption('#change-measure', 'pi-rd-intensity-benchmark');
  await page.selectOption('#change-kind', 'value');
  expect(await page.locator('#change-hint').innerText()).toBe('现行规定：年研发投入占销售收入的比重 ≥ 6%');
  await page.fill('#change-value', '5');
  await page.click('#add-change');
  expect(await page.locator('#change-list li').first().innerText()).toContain(
    '年研发投入占销售收入的比重 ≥ 6% 改为 5%',
  );
  await page.click('#save-scenario');
  await page.waitForSelector('#scenario-saved:not([hidden])');
  expect(await page.locator('#scenario-diff .words').first().innerText()).toBe('研发投入强度 ≥ 6% → ≥ 5%');

  await page.fill('#run-asof', '2025-06-30');
  await page.click('#run');
  await page.waitForSelector('#impact-section:not([hidden])', { timeout: 30_000 });
  const gained = await expectedGains();
  expect(gained).toBeGreaterThan(0);
  expect(await page.locator('#kpi-gained .kpi-value').innerText()).toBe(String(gained));
  expect(await page.locator('#kpi-lost .kpi-value').innerText()).toBe('0');
  expect(await page.locator('#kpi-value .kpi-value').innerText()).toBe('0');
  expect(await page.locator('#impact-scope').innerText()).toContain('4,000 家企业 · 按 2025-06-30 判断');
  // Both charts drew on a canvas.
  expect(await page.locator('#chart-measures canvas').count()).toBe(1);
  expect(await page.locator('#chart-groups canvas').count()).toBe(1);
  const rows = await page.locator('#tenant-body tr').count();
  expect(rows).toBeGreaterThanOrEqual(gained);
  await page.selectOption('#group-by', 'byPark');
  await screenshot(page, 'sandbox-zh-1366');
  await screenshot(page, 'sandbox-zh-1366-impact', { selector: '#impact-section' });

  const csvHref = await page.locator('#downloads a').first().getAttribute('href');
  const csv = await page.request.get(`${app.url}${csvHref}`);
  expect(csv.status()).toBe(200);
  const [head, ...body] = parse((await csv.text()).replace(/^\uFEFF/, '')) as string[][];
  expect(head.slice(0, 3)).toEqual(['行号', '统一社会信用代码', '企业名称']);
  const gains = body.map((r) => r[head.indexOf('新符合的措施')]).filter(Boolean);
  expect(gains).toEqual(Array(gained).fill('精密仪器设备重点骨干企业研发投入强度达到6%以上'));
  const xlsx = await page.request.get(`${app.url}${await page.locator('#downloads a').nth(1).getAttribute('href')}`);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await screenshot(page, 'sandbox-zh-375');

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Policy sandbox');
  await page.waitForFunction(
    () => (document.querySelector('#scenario-diff .words')?.textContent ?? '') === 'R&D intensity ≥ 6% → ≥ 5%',
  );
  await page.waitForFunction(() => document.querySelector('#kpi-gained .kpi-label')?.textContent === 'Tenants gaining');
  // The run's words follow the page's language: measure titles and city names too.
  await page.waitForFunction(() =>
    /^[A-Z]/.test(document.querySelector('#tenant-body tr td:nth-child(3)')?.textContent ?? ''),
  );
  expect(await page.locator('#tenant-body tr td.gain').first().innerText()).toBe(
    'Precision-instrument key backbone enterprises: R&D spending of at least 6% of sales',
  );
  await screenshot(page, 'sandbox-en-1366');
}, 120_000);

it('refuses a scenario without changes, and a park administrator is told the sandbox is not theirs', async () => {
  await page.goto(`${app.url}/signin.html?next=sandbox.html`);
  await page.waitForSelector('body[data-ready]');
  await page.fill('#token', token);
  await page.click('#signin-submit');
  await page.waitForURL(/\/sandbox\.html/);
  await page.waitForSelector('body[data-ready]');
  await page.fill('#scenario-name', '空情景');
  await page.click('#save-scenario');
  await page.waitForSelector('#scenario-error:not([hidden])');
  expect(await page.locator('#scenario-error').innerText()).toContain('请至少添加一项改动');
  await page.fill('#scenario-name', '');
  await page.click('#save-scenario');
  expect(await page.locator('#scenario-error').innerText()).toContain('请填写情景名称');
}, 60_000);
