import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TestBot, groupChat, person } from '../support/bot';
import { makeBody, makeMeeting, item, saveMeeting } from '../support/case-fixtures';
import { BodyRepo } from '../../src/storage/bodies';
import { FakeEntra } from '../support/entra';

/**
 * The Teams tabs in a real browser, in local mode (no Entra ID): the tab page signs in through the
 * development session ("Lokalt läge") and shows the ärendelogg and the protocol archive; the meeting
 * side panel shows the current § and the agenda at 320–400 px; the configuration page saves a content
 * URL through TeamsJS pages.config (TeamsJS replaced by a stub: outside Teams it cannot initialize).
 * In production mode, with TeamsJS stubbed to hand out a token signed by a stand-in for Entra ID, the
 * page sends it to the bot and never offers a development session.
 */

let bot: TestBot;
let browser: Browser;
const now = new Date('2021-12-17T09:30:00Z');
let bodyId: string;

const maria = person('Maria Lind');
const anna = person('Anna Berg');
const bo = person('Bo Ek');
const conv = groupChat('tabs-1');
const otherConv = groupChat('tabs-2');

beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const body = await makeBody(bot.services, conv, { secretary: maria, members: [anna] });
  bodyId = body.id;
  await makeBody(bot.services, otherConv, { name: 'Välfärdsrådet', secretary: bo, members: [] });
  // Last month's meeting with a protocol draft; today's meeting is pågår at § 45.
  const earlier = await makeMeeting(bot.services, body, '2021-11-19T09:00', [item(42, 'Godkännande av föredragningslistan och upprop'), item(43, 'Föregående protokoll')]);
  const markdown = '# Protokoll\n\n§ 42 Godkännande av föredragningslistan och upprop\n';
  await saveMeeting(bot.services, { ...earlier, status: 'protokollutkast', protocol: [{ version: 1, createdAt: now.toISOString(), markdown, contentHash: 'x', approvals: [], changeRequests: [] }] });
  const today = await makeMeeting(bot.services, body, '2021-12-17T09:00', [
    item(44, 'Godkännande av föredragningslistan och upprop', { kind: 'Beslutsärende' }),
    item(45, 'Samordnad individuell plan (SIP) för barn och unga med ett mycket långt namn som måste radbrytas i sidopanelen', { kind: 'Muntligt informationsärende' }),
    item(46, 'Övriga frågor'),
  ]);
  await saveMeeting(bot.services, { ...today, currentIndex: 1 });
  await bot.say(maria, conv, 'nytt ärende Tillgänglighet i hemtjänsten\nÄgare: Anna Berg\nSenast: 2021-12-01');
  await bot.say(maria, conv, 'nytt ärende <script>alert(1)</script> & "citat"\nÄgare: Maria Lind\nSenast: 2022-03-01');
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

/** Local mode: the page offers the people linked on a roster; choose one. */
async function signInAs(page: Page, name: string): Promise<void> {
  const banner = page.locator('#local');
  await banner.locator('select[name=person]').waitFor();
  expect(await banner.innerText()).toContain('Lokalt läge');
  await banner.locator('select[name=person]').selectOption({ label: name });
  await banner.locator('button', { hasText: 'Öppna som vald person' }).click();
  await page.waitForFunction(() => document.getElementById('local')?.textContent?.includes('du ser fliken som'));
}

test('the tab page, outside Teams in local mode, signs in as a chosen person and shows the ärendelogg and the archive', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(`${bot.paragraf.url}/tab`);
  expect(res!.status()).toBe(200);
  await signInAs(page, 'Anna Berg');
  await page.locator('section.body').first().waitFor();
  expect((await page.locator('#local').innerText()).replace(/\s+/g, ' ')).toContain('Lokalt läge – du ser fliken som Anna Berg. Byt person');
  expect(await page.locator('#who').innerText()).toBe('Inloggad som Anna Berg');
  // Only the body Anna is linked in.
  expect(await page.locator('section.body h2').allInnerTexts()).toEqual(['Samråd vård och omsorg']);
  const cases = await page.locator('table.cases tbody').innerText();
  expect(cases).toContain('Tillgänglighet i hemtjänsten');
  expect(cases).toContain('2021-12-01 (försenat)');
  expect(cases).toContain('<script>alert(1)</script> & "citat"');
  await expect(page.locator('table.cases script').count()).resolves.toBe(0);
  // The archive: both meetings, newest first, and the protocol version with its documents.
  const meetings = page.locator('ul.archive > li');
  await expect(meetings.count()).resolves.toBe(2);
  expect(await meetings.nth(0).innerText()).toContain('fredag 17 december 2021 kl. 09.00');
  expect(await meetings.nth(0).innerText()).toContain('Inget protokoll ännu.');
  expect(await meetings.nth(1).innerText()).toContain('Version 1 – utkast: Word · Markdown');
  const md = await meetings.nth(1).locator('a', { hasText: 'Markdown' }).getAttribute('href');
  const doc = await fetch(md!);
  expect(doc.status).toBe(200);
  expect(await doc.text()).toContain('§ 42 Godkännande av föredragningslistan och upprop');
  // The full ärendelogg (filters, history, CSV) opens from the signed link.
  const full = await page.locator('a.more').getAttribute('href');
  expect((await fetch(full!)).status).toBe(200);
  await page.screenshot({ path: 'test-results/tab-overview-1280.png', fullPage: true });
  expect(errors).toEqual([]);

  // Another person, after "Byt person", sees their own body only.
  await page.locator('#local button', { hasText: 'Byt person' }).click();
  await signInAs(page, 'Bo Ek');
  await page.locator('section.body').first().waitFor();
  expect(await page.locator('section.body h2').allInnerTexts()).toEqual(['Välfärdsrådet']);
  await page.close();
});

for (const width of [320, 400]) {
  test(`the meeting side panel shows the current § and the agenda at ${width} px`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 700 } });
    await page.goto(`${bot.paragraf.url}/tab?body=${bodyId}&view=panel`);
    await signInAs(page, 'Maria Lind');
    await page.locator('ol.agenda').waitFor();
    expect(await page.locator('#title').innerText()).toBe('Samråd vård och omsorg');
    expect(await page.locator('p.when').innerText()).toBe('Mötet pågår: fredag 17 december 2021 kl. 09.00, Kommunhuset, Säter');
    expect(await page.locator('.current').innerText()).toContain('§ 45 Samordnad individuell plan (SIP)');
    await expect(page.locator('ol.agenda li').count()).resolves.toBe(3);
    expect(await page.locator('ol.agenda li.now').innerText()).toContain('§ 45');
    const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(scrollWidth).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/tab-side-panel-${width}.png`, fullPage: true });
    await page.close();
  });
}

/** TeamsJS as Teams would answer a configuration page in this chat; calls are recorded on window.__teams. */
function teamsStub(chatId: string): string {
  return `window.__teams = { calls: [], save: undefined };
window.microsoftTeams = {
  app: {
    initialize: () => Promise.resolve(),
    getContext: () => Promise.resolve({ chat: { id: ${JSON.stringify(chatId)} }, page: { frameContext: 'settings', id: '' } }),
    notifySuccess: () => undefined,
  },
  // No Entra ID here: single sign-on fails, as it does in local mode, and the page falls back to Lokalt läge.
  authentication: { getAuthToken: () => Promise.reject(new Error('SSO är inte tillgängligt')) },
  pages: { config: {
    setValidityState: (v) => window.__teams.calls.push(['valid', v]),
    registerOnSaveHandler: (h) => { window.__teams.save = h; },
    setConfig: (c) => { window.__teams.calls.push(['setConfig', c]); return Promise.resolve(); },
  } },
};`;
}

async function configPage(chatId: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 600, height: 500 } });
  await page.route('**/tab/static/teams-js.js', (route) => route.fulfill({ contentType: 'text/javascript', body: teamsStub(chatId) }));
  const res = await page.goto(`${bot.paragraf.url}/tab/config`);
  expect(res!.status()).toBe(200);
  return page;
}

test('the configuration page saves a content URL for the body of the chat the tab is added to', async () => {
  const page = await configPage(conv.id);
  await signInAs(page, 'Maria Lind');
  await page.locator('#content p.ready').waitFor();
  expect(await page.locator('#content').innerText()).toContain('Fliken visar ärendeloggen och protokollarkivet för Samråd vård och omsorg');
  await page.evaluate(() => new Promise<void>((resolve) => (window as any).__teams.save({ notifySuccess: resolve, notifyFailure: resolve })));
  const calls = (await page.evaluate('window.__teams.calls')) as [string, any][];
  const contentUrl = `${bot.paragraf.url}/tab?body=${BodyRepo.idFor(conv.id)}`;
  expect(calls).toEqual([
    ['valid', false],
    ['valid', true],
    ['setConfig', { contentUrl, websiteUrl: contentUrl, entityId: `paragraf-${BodyRepo.idFor(conv.id)}`, suggestedDisplayName: 'Paragraf' }],
  ]);
  // The saved URL opens the body's own view.
  await page.goto(contentUrl);
  await page.locator('section.body').waitFor();
  expect(await page.locator('#title').innerText()).toBe('Paragraf – Samråd vård och omsorg');
  expect(await page.locator('table.cases tbody').innerText()).toContain('Tillgänglighet i hemtjänsten');
  await page.close();
});

test('the configuration page refuses a chat with no body, and a body the person is not linked in', async () => {
  const none = await configPage('19:ingen-nämnd@thread.v2');
  await signInAs(none, 'Maria Lind');
  await none.locator('#content p.error').waitFor();
  expect(await none.locator('#content').innerText()).toContain('Den här chatten eller kanalen är inte knuten till något organ ännu');
  expect(await none.evaluate('window.__teams.calls')).toEqual([['valid', false]]);
  await none.close();

  const foreign = await configPage(otherConv.id);
  await signInAs(foreign, 'Anna Berg');
  await foreign.locator('#content p.error').waitFor();
  expect(await foreign.locator('#content').innerText()).toContain('Du är inte kopplad till det här organets ledamotslista');
  expect(await foreign.evaluate('window.__teams.calls')).toEqual([['valid', false]]);
  await foreign.close();
});

describe('in production mode (TeamsJS stubbed with what Teams answers)', () => {
  const TENANT = 'f0e1d2c3-0000-4000-8000-00000000a11a';
  const APP_ID = '00000000-1111-2222-3333-444444444444';
  let prod: TestBot;
  let entra: FakeEntra;

  beforeAll(async () => {
    entra = await FakeEntra.start({ tenant: TENANT, audience: `api://paragraf.example.se/${APP_ID}`, clock: () => now });
    prod = await TestBot.start({
      clock: () => now,
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: TENANT,
        PARAGRAF_LINK_SECRET: 'test-link-secret-of-32-characters',
        PARAGRAF_AUDIT_KEY: 'test-audit-key-at-least-32-characters-long',
        PARAGRAF_PUBLIC_URL: 'https://paragraf.example.se',
        PARAGRAF_ENTRA_LOGIN_URL: entra.url,
      },
    });
    await makeBody(prod.services, conv, { secretary: maria, members: [anna] });
  });
  afterAll(async () => {
    await prod?.stop();
    await entra?.stop();
  });

  function contentStub(token: string | undefined): string {
    return `window.microsoftTeams = {
  app: { initialize: () => Promise.resolve(), getContext: () => Promise.resolve({ page: { frameContext: 'content', id: 'arendelogg' } }), notifySuccess: () => { window.__loaded = true; } },
  authentication: { getAuthToken: () => ${token ? `Promise.resolve(${JSON.stringify(token)})` : "Promise.reject(new Error('CancelledByUser'))"} },
};`;
  }

  async function open(token: string | undefined): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.route('**/tab/static/teams-js.js', (route) => route.fulfill({ contentType: 'text/javascript', body: contentStub(token) }));
    await page.goto(`${prod.paragraf.url}/tab`);
    return page;
  }

  test('the SSO token from getAuthToken goes to the bot, which shows that person’s bodies; no Lokalt läge', async () => {
    const page = await open(await entra.token(anna));
    await page.locator('section.body').waitFor();
    expect(await page.locator('section.body h2').allInnerTexts()).toEqual(['Samråd vård och omsorg']);
    expect(await page.locator('#who').innerText()).toBe('Inloggad som Anna Berg');
    expect(await page.locator('#local').isVisible()).toBe(false);
    expect(await page.evaluate('window.__loaded')).toBe(true);
    await page.close();
  });

  test('when single sign-on fails the page says so and offers no development session', async () => {
    const page = await open(undefined);
    await page.locator('#content p.error').waitFor();
    expect(await page.locator('#content').innerText()).toMatch(/^Teams kunde inte logga in dig \(CancelledByUser\)/);
    expect(await page.locator('#local').isVisible()).toBe(false);
    await page.close();
  });

  test('outside Teams the page points to Teams, and an expired token is refused', async () => {
    const plain = await browser.newPage();
    await plain.goto(`${prod.paragraf.url}/tab`);
    await plain.locator('#content p.error').waitFor();
    expect(await plain.locator('#content').innerText()).toContain('Den här sidan öppnas i Teams');
    await plain.close();
    const expired = await open(await entra.token(anna, {}, { exp: Math.floor(now.getTime() / 1000) - 600 }));
    await expired.locator('#content p.error').waitFor();
    expect(await expired.locator('#content').innerText()).toContain('Du är inte inloggad, eller så har inloggningen gått ut');
    await expired.close();
  });
});
