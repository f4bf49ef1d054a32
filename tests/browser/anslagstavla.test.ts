import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TestBot, groupChat, personalChat } from '../support/bot';
import { kommunallagen, maria, carin, eva } from '../support/protocol-fixtures';

/**
 * The public anslagstavla in a real browser: axe-core finds no WCAG 2.1 A/AA violation (nor any of
 * its best-practice rules) at 1280 px and at 400 px, the page reflows without sideways scrolling,
 * and with JavaScript turned off it shows the same. UPDATE_SCREENSHOTS=1 writes the README's
 * screenshots to docs/screenshots/.
 */

const OUT = process.env.UPDATE_SCREENSHOTS ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots') : path.resolve(__dirname, '..', '..', 'test-results', 'anslagstavla');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let bot: TestBot;
let browser: Browser;
let now = new Date('2022-06-01T14:00:00Z');

/** A kommunallagen protocol through justering and anslag, via /api/messages. */
async function anslaget(convName: string, settings: string, start: string, justerad: Date, anslag: Date): Promise<void> {
  const conv = groupChat(convName);
  const { body, meeting } = await kommunallagen(bot.services, conv, { start });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  now = new Date(justerad.getTime() - 3600_000);
  await bot.say(maria, conv, `organ\n${settings}`);
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = justerad;
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  now = anslag;
  await bot.press(maria, conv, 'protokoll.anslå', ids);
}

beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await anslaget('board-1', 'Förvaringsplats: Kommunkansliet, Norrby kommun', '2022-06-01T13:00', new Date('2022-06-01T15:00:00Z'), new Date('2022-06-03T08:00:00Z'));
  await anslaget('board-2', 'Namn: Regionstyrelsens arbetsutskott för hälso- och sjukvård, tandvård och folkhälsa\nHuvudman: region\nFörvaringsplats: Regionens diarium, Regionhuset, Storgatan 1', '2022-06-07T09:00', new Date('2022-06-08T12:00:00Z'), new Date('2022-06-09T07:00:00Z'));
  now = new Date('2022-06-10T09:00:00Z');
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  passes: unknown[];
}

/** axe-core in the page (CSP bypassed for the check only: the page itself allows no script). */
async function axe(page: Page): Promise<AxeResult> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(() => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
}

const summary = (r: AxeResult) => r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

for (const width of [1280, 400]) {
  test(`at ${width} px: both anslag, no axe-core violation, no sideways scrolling`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const res = await page.goto(`${bot.paragraf.url}/anslagstavla`);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Anslagstavla');
    const headings = await page.locator('ul.anslag h3').allInnerTexts();
    expect(headings).toEqual([
      'Regionstyrelsens arbetsutskott för hälso- och sjukvård, tandvård och folkhälsa, sammanträde tisdag 7 juni 2022',
      'Vård- och omsorgsnämnden, sammanträde onsdag 1 juni 2022',
    ]);
    const result = await axe(page);
    expect(summary(result)).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(10);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(OUT, width === 1280 ? 'anslagstavla.png' : 'anslagstavla-400.png'), fullPage: true });
    await context.close();
  });
}

test('without JavaScript the page shows the same anslag and links; the page itself runs no script', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${bot.paragraf.url}/anslagstavla`);
  const text = await page.locator('main').innerText();
  expect(text).toContain('Sista dag att överklaga');
  expect(text).toContain('Så överklagar du ett beslut');
  expect(await page.locator('ul.anslag > li').count()).toBe(2);
  const pdfLinks = await page.locator('a', { hasText: 'Protokollet, offentlig version (PDF/A)' }).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  expect(pdfLinks).toHaveLength(2);
  for (const p of pdfLinks) expect(p).toMatch(/^\/anslagstavla\/protokoll\/b[0-9a-f]+\/[^/]+\/v1\.pdf$/);
  // The organ filter is a plain link.
  await page.locator('a', { hasText: 'Visa bara anslag från Vård- och omsorgsnämnden' }).click();
  expect(await page.locator('h1').innerText()).toBe('Anslagstavla: Vård- och omsorgsnämnden');
  expect(await page.locator('ul.anslag > li').count()).toBe(1);
  await context.close();
});

test("the feed is well-formed Atom to the browser's XML parser, with the elements RFC 4287 requires", async () => {
  const page = await browser.newPage();
  await page.goto(`${bot.paragraf.url}/anslagstavla`);
  // Fetched outside the page: the page's own policy allows it no requests.
  const res = await fetch(`${bot.paragraf.url}/anslagstavla/feed`);
  const type = res.headers.get('content-type');
  const checked = await page.evaluate(async (xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const NS = 'http://www.w3.org/2005/Atom';
    const feed = doc.documentElement;
    const child = (el: Element, name: string) => Array.from(el.children).filter((c) => c.namespaceURI === NS && c.localName === name);
    const entries = child(feed, 'entry');
    return {
      parseError: doc.getElementsByTagName('parsererror').length,
      root: `${feed.namespaceURI} ${feed.localName}`,
      feedHas: ['id', 'title', 'updated', 'author'].map((n) => child(feed, n).length),
      entries: entries.length,
      entryHas: entries.map((e) => ['id', 'title', 'updated', 'link', 'summary', 'author'].map((n) => child(e, n).length)),
      updated: [...child(feed, 'updated'), ...entries.flatMap((e) => child(e, 'updated'))].map((u) => !Number.isNaN(Date.parse(u.textContent!))),
    };
  }, await res.text());
  expect(type).toBe('application/atom+xml; charset=utf-8');
  expect(checked).toEqual({
    parseError: 0,
    root: 'http://www.w3.org/2005/Atom feed',
    feedHas: [1, 1, 1, 1],
    entries: 2,
    entryHas: [
      [1, 1, 1, 2, 1, 1],
      [1, 1, 1, 2, 1, 1],
    ],
    updated: [true, true, true],
  });
  await page.close();
});
