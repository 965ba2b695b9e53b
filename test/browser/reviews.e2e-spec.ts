/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser and name DOM types.
import type { Page } from 'playwright-core';
import request from 'supertest';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, TestBrowser } from './support/browser';

/**
 * The caseworker's review desk in a real browser (Debian chromium, headless) against the real service:
 * sign in, filter the queue, open a submission's match, check conditions and the quote, decide, see it in
 * the history — with the service's Helmet CSP in force.
 */
const BENCHMARK = 'pi-rd-intensity-benchmark';
const QUOTE = '产业重点骨干企业年研发投入占销售收入的比重达到6%以上';
const BACKBONE = {
  city: 'shenzhen',
  clusters: ['precision-instruments'],
  qualifications: ['key-backbone'],
  revenue: 200_000_000,
};

let app: TestApp;
let browser: TestBrowser;
let page: Page;
let pageErrors: string[];
let caseworkerToken: string;
let parkAdminToken: string;

beforeAll(async () => {
  app = await startTestApp();
  const users = app.app.get(UsersService);
  caseworkerToken = (await users.create({ name: '王审核', role: 'caseworker' })).token;
  parkAdminToken = (await users.create({ name: '南沙园区', role: 'park-admin', parkId: 'nansha' })).token;
  const submit = (profile: object) => request(app.url).post('/api/submissions').send({ profile }).expect(201);
  await submit({
    ...BACKBONE,
    name: '深圳精密仪器有限公司',
    creditCode: '91440300MA5FUTURE1',
    rdExpense: 15_000_000,
    parkId: 'nansha',
  });
  await submit({ ...BACKBONE, name: '广州测量设备有限公司', city: 'guangzhou', rdExpense: 14_000_000 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  await browser.context.clearCookies();
  page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('lang', 'zh')); // each test starts in Chinese, the default
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // 401 answers are expected (signed out, bad token); anything else logged as an error — a CSP refusal included — is not.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) pageErrors.push(m.text());
  });
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function signIn(token: string): Promise<void> {
  await page.goto(`${app.url}/reviews.html`);
  await page.waitForURL(/\/signin\.html\?next=reviews\.html/);
  await page.waitForSelector('body[data-ready]');
  await page.fill('#token', token);
  await page.click('#signin-submit');
  await page.waitForURL(/\/reviews\.html/);
  await page.waitForSelector('body[data-ready]');
}

const rows = () => page.$$eval('#queue-body tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));

it('a caseworker signs in, filters the queue, checks a match against its clause, decides, and sees the decision in the history', async () => {
  await page.goto(`${app.url}/signin.html`);
  await page.waitForSelector('body[data-ready]');
  await page.fill('#token', 'not-a-token');
  await page.click('#signin-submit');
  await expect(page.locator('#signin-error').textContent()).resolves.toBe('令牌无效或已被撤销。');

  await signIn(caseworkerToken);
  await page.waitForSelector('body[data-ready][data-view="queue"]');
  await expect(page.locator('#user-name').textContent()).resolves.toBe('已登录：王审核（审核人员）');
  // The session cookie is HttpOnly: page scripts cannot read the token, nor did the page keep it anywhere.
  expect(await page.evaluate(() => document.cookie)).not.toContain('gdpm_session');
  expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(
    caseworkerToken.slice(-20),
  );

  // Both submissions' eligible and needs-info matches are queued, oldest first, 20 to a page.
  const summary = (await page.locator('#queue-summary').textContent())!;
  const [, total, pages] = /^共 (\d+) 条，第 1 \/ (\d+) 页$/.exec(summary)!.map(Number);
  expect(total).toBeGreaterThan(2);
  expect(await rows()).toHaveLength(Math.min(total, 20));
  if (pages > 1) {
    await page.click('#next-page');
    await page.waitForFunction(() => (document.querySelector('#queue-summary')?.textContent ?? '').includes('第 2 /'));
    expect(await rows()).toHaveLength(Math.min(total - 20, 20));
  }
  await page.selectOption('#f-city', 'guangzhou');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('city=guangzhou'));
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('#queue-body tr')].length > 0 &&
      [...document.querySelectorAll('#queue-body tr')].every((tr) => (tr as HTMLElement).innerText.includes('广州')),
  );
  expect((await rows()).every((r) => r.includes('广州测量设备有限公司'))).toBe(true);

  await page.selectOption('#f-city', 'shenzhen');
  await page.selectOption('#f-measure', BENCHMARK);
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('city=shenzhen') && location.hash.includes('measure='));
  await page.waitForFunction(() => (document.querySelector('#queue-summary')?.textContent ?? '').startsWith('共 1 条'));
  const only = await rows();
  expect(only).toHaveLength(1);
  expect(only[0]).toContain('深圳精密仪器有限公司');
  expect(only[0]).toContain('符合条件');
  expect(only[0]).toContain('待审核');
  await screenshot(page, 'reviews-queue');

  await page.click('#queue-body a.open-review');
  await page.waitForSelector('body[data-view="detail"] #detail-heading');
  const conditions = await page.$$eval('#conditions li.cond', (lis) => lis.map((li) => (li as HTMLElement).innerText));
  expect(conditions).toHaveLength(4);
  expect(conditions[3]).toMatch(/年研发投入占销售收入的比重 ≥ 6%[\s\S]*满足[\s\S]*实际：7\.5%[\s\S]*要求：6%/);
  await expect(page.locator('#citations blockquote.quote').first().textContent()).resolves.toBe(`“${QUOTE}”`);
  const inContext = (await page.locator('#rule-at-match mark.cited-quote').textContent())!.replace(/\s/g, '');
  expect(inContext).toBe(QUOTE);
  expect((await page.locator('#rule-at-match .doc-context').textContent())!.length).toBeGreaterThan(QUOTE.length + 50);
  await expect(page.locator('#rule-unchanged').isVisible()).resolves.toBe(true);
  expect(JSON.parse((await page.locator('#raw-profile').textContent())!)).toMatchObject({
    name: '深圳精密仪器有限公司',
    rdExpense: 15_000_000,
  });
  await expect(page.locator('#history').textContent()).resolves.toContain('尚无审核记录');

  await page.check('input[name="decision"][value="confirmed"]');
  await page.click('#decision-submit');
  await expect(page.locator('#decision-error').textContent()).resolves.toBe('请填写审核意见。');
  await page.fill('#decision-comment', '已核对2024年度审计报告，研发投入占比7.5%');
  await page.click('#decision-submit');
  await page.waitForSelector('#history-table tbody tr');
  const history = await page.$$eval('#history-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  expect(history).toHaveLength(1);
  expect(history[0]).toMatch(/王审核[\s\S]*已确认[\s\S]*已核对2024年度审计报告，研发投入占比7\.5%[\s\S]*待审核/);
  await expect(page.locator('#detail-state').textContent()).resolves.toBe('已确认');
  await page.waitForFunction(() => document.querySelector('#live')?.textContent === '已记录审核决定：确认。');
  await screenshot(page, 'reviews-detail');

  await page.click('a.back');
  await page.waitForSelector('body[data-view="queue"]');
  await page.waitForFunction(() =>
    (document.querySelector('#queue-summary')?.textContent ?? '').includes('没有符合筛选条件的记录'),
  );
  await page.selectOption('#f-status', 'confirmed');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => (document.querySelector('#queue-summary')?.textContent ?? '').startsWith('共 1 条'));
  expect((await rows())[0]).toContain('已确认');

  // The export links download with the session cookie.
  const csvHref = await page.locator('#export-csv').getAttribute('href');
  const csv = await page.request.get(`${app.url}${csvHref}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('已核对2024年度审计报告，研发投入占比7.5%');
});

it('switches the review desk to English', async () => {
  await signIn(caseworkerToken);
  await page.waitForSelector('body[data-ready][data-view="queue"]');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.querySelector('#queue-heading')?.textContent === 'Matches awaiting review');
  await page.waitForFunction(() => document.querySelector('#queue-head th')?.textContent === 'Company');
});

it('tells a park-admin it cannot review, and signs out', async () => {
  await signIn(parkAdminToken);
  await page.waitForSelector('body[data-ready]');
  await expect(page.locator('#denied').textContent()).resolves.toBe('当前账号（园区管理员）无权查看审核队列。');
  await expect(page.locator('#view-queue').isVisible()).resolves.toBe(false);
  await page.click('#sign-out');
  await page.waitForURL(/\/signin\.html$/);
  const session = await page.request.get(`${app.url}/api/session`);
  expect(session.status()).toBe(401);
});
