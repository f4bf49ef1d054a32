import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { TestBot, groupChat, person, findAction } from '../support/bot';
import { makeBody, makeMeeting, item } from '../support/case-fixtures';
import { caseForItem } from '../../src/bot/case-writes';
import { signUrl } from '../../src/http/signed-links';

let bot: TestBot;
let browser: Browser;
let now = new Date('2021-12-17T09:00:00Z');
let bodyId: string;
let tabPath: string;

const maria = person('Maria Lind');
const anna = person('Anna Berg');
const conv = groupChat('tab-1');

beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const body = await makeBody(bot.services, conv, { secretary: maria, members: [anna] });
  bodyId = body.id;
  now = new Date('2021-11-19T09:00:00Z');
  const m = await makeMeeting(bot.services, body, '2021-11-19T09:00', [item(44, 'Samordnad individuell plan (SIP) för barn och unga')]);
  await caseForItem(bot.services, body, m, m.items[0]);
  now = new Date('2021-12-17T09:00:00Z');
  await bot.say(maria, conv, 'nytt ärende Tillgänglighet i hemtjänsten\nÄgare: Anna Berg\nSenast: 2021-12-01\nTaggar: Säter');
  await bot.say(maria, conv, 'nytt ärende <script>alert(1)</script> & "citat"\nÄgare: Maria Lind\nSenast: 2022-03-01\nUrsprung: skrivelse från Hedemora kommun');
  await bot.say(maria, conv, 'nytt ärende Remissvar om färdtjänstens regelverk för hela länet\nÄgare: Maria Lind\nTaggar: Region Dalarna, färdtjänst');
  await bot.press(maria, conv, 'ärende.status', { caseId: '2021-00004', status: 'bordlagt', statusNote: 'Väntar på regionens underlag' });
  // The tab link comes from the ärendelogg card.
  const card = (await bot.say(anna, conv, 'ärendelogg')).cards[0];
  const open = card.actions.find((a: any) => a.type === 'Action.OpenUrl');
  const u = new URL(open.url);
  tabPath = `${u.pathname}${u.search}`;
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

test('without a valid signature the tab and the CSV answer 401', async () => {
  const base = bot.paragraf.url;
  expect((await fetch(`${base}/tab/arendelogg?body=${bodyId}`)).status).toBe(401);
  const forged = tabPath.replace(/sig=[^&]+/, 'sig=AAAA');
  expect((await fetch(`${base}${forged}`)).status).toBe(401);
  const otherBody = signUrl('/tab/arendelogg', { body: 'bnope' }, bot.services.config.linkSecret, 600, now);
  expect((await fetch(`${base}${otherBody}`)).status).toBe(401);
  const expired = signUrl('/tab/arendelogg', { body: bodyId }, bot.services.config.linkSecret, 60, new Date(now.getTime() - 3600_000));
  expect((await fetch(`${base}${expired}`)).status).toBe(401);
  expect((await fetch(`${base}/tab/arendelogg.csv?body=${bodyId}`)).status).toBe(401);
  const text = await (await fetch(`${base}/tab/arendelogg`)).text();
  expect(text).toMatch(/Länken är ogiltig/);
});

test('the tab shows the open cases, filters, history, CSV, and looks right at 1280 and 400 px', async () => {
  mkdirSync('test-results', { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const res = await page.goto(`${bot.paragraf.url}${tabPath}`);
  expect(res!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toContain('Ärendelogg – Samråd vård och omsorg');
  const rows = page.locator('tbody tr');
  await expect(rows.count()).resolves.toBe(4);
  const body = await page.locator('tbody').innerText();
  expect(body).toContain('Tillgänglighet i hemtjänsten');
  expect(body).toContain('<script>alert(1)</script> & "citat"');
  expect(body).toContain('(försenat)');
  // User text is escaped: no script element came from it.
  await expect(page.locator('tbody script').count()).resolves.toBe(0);
  await page.screenshot({ path: 'test-results/arendelogg-tab-1280.png', fullPage: true });

  // Filter: only overdue ones.
  await page.check('input[name=overdue]');
  await page.click('button[type=submit]');
  await expect(rows.count()).resolves.toBe(1);
  expect(await rows.first().innerText()).toContain('Tillgänglighet i hemtjänsten');

  // Filter by status keeps the signature working, and search narrows by text.
  await page.uncheck('input[name=overdue]');
  await page.selectOption('select[name=status]', 'bordlagt');
  await page.click('button[type=submit]');
  await expect(rows.count()).resolves.toBe(1);
  expect(await rows.first().innerText()).toContain('Remissvar om färdtjänstens');
  await page.selectOption('select[name=status]', '');
  await page.selectOption('select[name=owner]', 'Anna Berg');
  await page.click('button[type=submit]');
  await expect(rows.count()).resolves.toBe(1);
  // The other owners stay selectable after filtering.
  await expect(page.locator('select[name=owner] option', { hasText: 'Maria Lind' }).count()).resolves.toBe(1);
  await page.selectOption('select[name=owner]', '');
  await page.fill('input[name=q]', 'SIP');
  await page.click('button[type=submit]');
  await expect(rows.count()).resolves.toBe(1);

  // A case's history opens in the page.
  await page.click('tbody a');
  const detail = await page.locator('section.detail').innerText();
  expect(detail).toContain('Ärendet skapades från föredragningslistan, mötet fredag 19 november 2021 § 44');

  // CSV export with the same authorisation.
  await page.fill('input[name=q]', '');
  await page.click('button[type=submit]');
  const csvHref = await page.locator('a', { hasText: 'Exportera CSV' }).getAttribute('href');
  const csv = await (await fetch(`${bot.paragraf.url}${csvHref}`)).text();
  expect(csv.split('\r\n')[0]).toContain('"Nummer";"Diarienummer";"Rubrik"');
  expect(csv).toContain('"Tillgänglighet i hemtjänsten"');
  expect(csv.trim().split('\r\n')).toHaveLength(5);

  // Narrow: the meeting side panel.
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(`${bot.paragraf.url}${tabPath}&case=2021-00004`);
  const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  expect(scrollWidth).toBeLessThanOrEqual(400);
  expect(await page.locator('thead').isVisible()).toBe(false);
  await page.screenshot({ path: 'test-results/arendelogg-tab-400.png', fullPage: true });
  await page.close();
});

test('the card’s Visa fler and OpenUrl are present', async () => {
  const card = (await bot.say(maria, conv, 'ärendelogg')).cards[0];
  expect(findAction(card, 'Filtrera')).toBeTruthy();
  expect(card.actions.some((a: any) => a.type === 'Action.OpenUrl' && a.title === 'Öppna som flik')).toBe(true);
});
