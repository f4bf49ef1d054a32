import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { TestBot } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';
import { swedishDay } from '../../src/domain/meeting-time';
import {
  DEFAULT_CONFIG,
  startPlayground,
  openBrowser,
  openPlayground,
  switchConversation,
  sendMessage,
  lastBotCard,
  fillCardInput,
  clickCardButton,
  waitForText,
  type Playground,
} from './playground';

/**
 * A newcomer alone in the Agents Playground runs a whole meeting with what the README and the help
 * card describe, and nothing else: no switching users in the driver. Alex Wilber (the Playground's
 * logged-in user) writes "demo" in the group chat, sets the body up and creates the meeting through
 * the card forms, answers the kallelse and the ersättare request, and justerar, as other members of
 * the cast with "agera som"; their personal cards are shown in the group chat. Screenshots for the
 * README are taken at 1280 px and 400 px (UPDATE_SCREENSHOTS=1 writes them to docs/screenshots/).
 */

const OUT = process.env.UPDATE_SCREENSHOTS ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots') : path.resolve(__dirname, '..', '..', 'test-results', 'demo-meeting');
const today = swedishDay(new Date());
const T = 30_000;

let bot: TestBot;
let pg: Playground;
let browser: Browser;
let page: Page;

/**
 * <name>.png: the window at 1280 px, the card scrolled into view. With `narrow`, also <name>-400.png:
 * the card alone as the Playground's renderer lays it out 400 px wide (Teams' meeting side panel).
 * The Playground's page itself does not shrink to 400 px, and resizing the window re-renders cards
 * and empties their inputs, so the card is narrowed instead of the window.
 */
async function screenshot(name: string, card?: Locator, narrow = false): Promise<void> {
  if (card) await card.evaluate((el) => el.scrollIntoView({ block: el.getBoundingClientRect().height > window.innerHeight - 150 ? 'start' : 'end' })).catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  if (!card || !narrow) return;
  const before = await card.evaluate((el) => {
    const e = el as HTMLElement;
    const old = e.style.cssText;
    e.style.width = '400px';
    e.style.maxWidth = '400px';
    e.style.boxSizing = 'border-box';
    return old;
  });
  await page.waitForTimeout(300);
  // A card taller than the chat pane is cut off by it: the window is made tall enough for that shot
  // (only where no card holds unsent input, which a resize would empty).
  const height = await card.evaluate((el) => el.getBoundingClientRect().height);
  if (height > 650) await page.setViewportSize({ width: 1280, height: Math.ceil(height) + 400 });
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await card.screenshot({ path: path.join(OUT, `${name}-400.png`) });
  await card.evaluate((el, old) => ((el as HTMLElement).style.cssText = old), before);
  if (height > 650) await page.setViewportSize({ width: 1280, height: 900 });
}

const textOf = async (card: Locator) => (await card.innerText()).replace(/\s+/g, ' ');

/** "agera som <namn>", as the help card and the demo card say; the next action is then that person's. */
async function actAs(name: string): Promise<void> {
  await sendMessage(page, `agera som ${name}`);
  await waitForText(page, `Nästa sak du gör i den här chatten räknas som ${name}`, T);
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  bot = await TestBot.start();
  pg = await startPlayground({ botEndpoint: `${bot.paragraf.url}/api/messages` });
  browser = await openBrowser();
  page = await openPlayground(browser, pg, { timeoutMs: 90_000, viewport: { width: 1280, height: 900 } });
  await switchConversation(page, 'groupChat', { timeoutMs: 60_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop();
  await bot?.stop();
});

test('a newcomer runs a whole meeting alone: demo, card forms, act-as for kallelse, ersättare and justering, locked protocol', async () => {
  // --- Help card: the forms and the demo are offered.
  await sendMessage(page, 'hjälp');
  const help = await lastBotCard(page, { containing: 'Prova lokalt', withButton: 'Klistra in föredragningslistan', timeoutMs: T });
  await screenshot('01-hjalp', help, true);

  // --- demo: the chat's members are the cast; Alex is secretary.
  await sendMessage(page, 'demo');
  const demo = await lastBotCard(page, { containing: 'Demo (bara lokalt)', withButton: 'Agera som Megan Bowen', timeoutMs: T });
  const dt = await textOf(demo);
  for (const part of ['Megan Bowen', 'ordförande', 'Patti Fernandez', 'ersättare', 'sekreterare (du)']) expect(dt).toContain(part);
  await screenshot('02-demo', demo, true);

  // --- The body's settings through the form on the body card (multi-line Organisationer kept).
  await sendMessage(page, 'organ');
  await clickCardButton(page, 'Ändra inställningar (formulär)', { containing: 'Organ', timeoutMs: T });
  await lastBotCard(page, { withButton: 'Spara', timeoutMs: T });
  await fillCardInput(page, 'Organisationer (en per rad)', 'Umeå kommun\nRegion Västerbotten\nSkellefteå kommun');
  await fillCardInput(page, 'Justering inom (dagar)', '10');
  await clickCardButton(page, 'Spara', { timeoutMs: T });
  const organ = await lastBotCard(page, { containing: 'inom 10 dagar', timeoutMs: T });
  expect(await textOf(organ)).toContain('Umeå kommun, Region Västerbotten, Skellefteå kommun');

  // --- The föredragningslista through its form: every line survives.
  await clickCardButton(page, 'Klistra in föredragningslistan', { containing: 'inom 10 dagar', timeoutMs: T });
  await lastBotCard(page, { withButton: 'Skapa mötet', timeoutMs: T });
  await fillCardInput(page, 'Föredragningslistan', [
    `Datum: ${today} kl. 09.00-12.00`,
    'Plats: Teams',
    'Diarienummer: HSN 418:5-2021',
    '1. Godkännande av föredragningslistan och upprop',
    '2. Uppföljning beslut hos respektive huvudman',
    'Muntligt informationsärende',
    'Föredragande: Britta Edström',
    '3. Omställning till nära vård',
    'Beslutsärende',
    'Förslag till beslut: att godkänna layout för Framtidsbild Nära vård 2030',
  ].join('\n'));
  const form = await lastBotCard(page, { withButton: 'Skapa mötet', timeoutMs: T });
  await screenshot('03-formular', form, true);
  await clickCardButton(page, 'Skapa mötet', { timeoutMs: T });
  const preview = await lastBotCard(page, { withButton: 'Skicka kallelse', timeoutMs: T });
  expect(await textOf(preview)).toContain('§ 3 Omställning till nära vård');

  await clickCardButton(page, 'Skicka kallelse', { timeoutMs: T });
  const kallelse = await lastBotCard(page, { containing: 'Kallelse', withButton: 'Förhinder', timeoutMs: T });
  await screenshot('04-kallelse', kallelse, true);

  // --- The cast answers, each through "agera som"; Adele's förhinder asks Patti in "her personal chat", shown here.
  for (const [who, button] of [['Megan Bowen', 'Jag kommer'], ['Isaiah Langer', 'Jag kommer'], ['Adele Vance', 'Förhinder']] as const) {
    await actAs(who);
    expect((await clickCardButton(page, button, { containing: 'Kallelse', timeoutMs: T })).kind).toBe('invoke');
    await lastBotCard(page, { containing: `Ditt svar: ${button}`, timeoutMs: T });
  }
  const request = await lastBotCard(page, { containing: 'Till Patti Fernandez (personlig chatt)', withButton: 'Ja, jag tjänstgör', timeoutMs: T });
  await screenshot('05-ersattare', request, true);
  await actAs('Patti Fernandez');
  await clickCardButton(page, 'Ja, jag tjänstgör', { containing: 'Till Patti Fernandez', timeoutMs: T });

  // --- Upprop, with Isaiah Langer as justerare.
  await sendMessage(page, 'starta mötet');
  const upprop = await lastBotCard(page, { containing: 'Upprop', withButton: 'Bekräfta upprop', timeoutMs: T });
  await fillCardInput(page, 'Justerare', ['Isaiah Langer'], { containing: 'Upprop' });
  await screenshot('06-upprop', upprop);
  await clickCardButton(page, 'Bekräfta upprop', { timeoutMs: T });

  // --- The items: an utfall typed, information by button, a decision by button.
  await lastBotCard(page, { containing: '§ 1.', withButton: 'Nästa ärende', timeoutMs: T });
  await sendMessage(page, 'utfall §1: Föredragningslistan godkändes.');
  await waitForText(page, '§ 1: Föredragningslistan godkändes.', T);
  await clickCardButton(page, 'Nästa ärende', { containing: '§ 1.', timeoutMs: T });
  await clickCardButton(page, 'Godkände informationen', { containing: '§ 2.', timeoutMs: T });
  await lastBotCard(page, { containing: 'godkände informationen.', timeoutMs: T });
  await clickCardButton(page, 'Nästa ärende', { containing: '§ 2.', timeoutMs: T });
  await lastBotCard(page, { containing: '§ 3. Omställning till nära vård', withButton: 'Beslut', timeoutMs: T });
  await clickCardButton(page, 'Beslut', { containing: '§ 3.', timeoutMs: T });
  const p3 = await lastBotCard(page, { containing: 'beslutade att godkänna layout', timeoutMs: T });
  await screenshot('07-paragraf', p3, true);
  await sendMessage(page, 'avsluta mötet');
  await waitForText(page, 'Mötet är avslutat', T);

  // --- Protokoll, sent to justering: Megan's and Isaiah's review cards are shown here.
  await sendMessage(page, 'protokoll');
  await lastBotCard(page, { containing: 'Protokollutkast, version 1', withButton: 'Skicka till justering', timeoutMs: T });
  await clickCardButton(page, 'Skicka till justering', { timeoutMs: T });
  const review = await lastBotCard(page, { containing: 'Till Isaiah Langer (personlig chatt)', withButton: 'Justera', timeoutMs: 60_000 });
  await screenshot('08-justering', review, true);
  await actAs('Isaiah Langer');
  await clickCardButton(page, 'Justera', { containing: 'Till Isaiah Langer', timeoutMs: T });
  await lastBotCard(page, { containing: 'Tack, du har justerat version 1.', timeoutMs: T });
  await lastBotCard(page, { containing: 'Till Megan Bowen (personlig chatt)', withButton: 'Justera', timeoutMs: T });
  await actAs('Megan Bowen');
  await clickCardButton(page, 'Justera', { containing: 'Till Megan Bowen', timeoutMs: T });

  // --- Locked, in the chat.
  const locked = await lastBotCard(page, { containing: 'Justerat och låst', timeoutMs: 60_000 });
  expect(await textOf(locked)).toContain('beslutade att godkänna layout för Framtidsbild Nära vård 2030.');
  await screenshot('09-justerat', locked, true);

  // In storage: locked by the cast's approvals, each marked in the audit log as acted by Alex.
  const bodyId = BodyRepo.idFor(DEFAULT_CONFIG.groupChat.id);
  const [meeting] = await bot.services.meetings.listForBody(bodyId);
  expect(meeting.status).toBe('justerat');
  expect(meeting.protocol[0].approvals.map((a) => a.name).sort()).toEqual(['Isaiah Langer', 'Megan Bowen']);
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${bodyId}|${meeting.id}`);
  const acted = audit.filter((e) => / agerade som /.test(e.actorName)).map((e) => `${e.action}: ${e.actorName}`);
  expect(acted).toEqual(expect.arrayContaining(['kallelse.svara: Alex Wilber agerade som Adele Vance', 'protokoll.justera: Alex Wilber agerade som Megan Bowen']));
}, 600_000);
