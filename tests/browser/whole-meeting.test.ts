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
  switchUser,
  sendMessage,
  lastBotCard,
  fillCardInput,
  clickCardButton,
  waitForText,
  waitForBotMessage,
  personalChatOf,
  type BotMessage,
  type Playground,
} from './playground';

/**
 * A whole meeting in Microsoft's Teams emulator (Agents Playground), from kallelse to justerat
 * protocol, only through what people type and press. The Playground's mock users play the roles:
 * Alex Wilber (the logged-in user) is the secretary, Megan Bowen the ordförande, Adele Vance the
 * justerare. Each step is asserted on what the person sees and saved as a screenshot.
 */

const SHOTS = path.resolve(__dirname, '..', '..', 'test-results', 'e2e');
// The Swedish day: booked for today, starta mötet opens the upprop without asking to confirm another day.
const today = swedishDay(new Date());

let bot: TestBot;
let pg: Playground;
let browser: Browser;
let page: Page;
let shot = 0;

/** Saves test-results/e2e/NN-step.png of the whole window (the newest card scrolled into view). */
async function screenshot(step: string, card?: Locator, align?: 'start' | 'end'): Promise<void> {
  // A card taller than the window is shown from its heading; a short one with its buttons.
  if (card) await card.evaluate((el, a) => el.scrollIntoView({ block: a ?? (el.getBoundingClientRect().height > window.innerHeight - 150 ? 'start' : 'end') }), align).catch(() => undefined);
  await page.waitForTimeout(300); // let the card finish rendering
  shot += 1;
  await page.screenshot({ path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-${step}.png`) });
}

const cardText = async (card: Locator) => (await card.innerText()).replace(/\s+/g, ' ');

/**
 * The Playground page only shows the logged-in user's own 1:1 chat; what the bot sends to another
 * user's 1:1 chat lands in a conversation the page never shows, and a click in Alex's chat as another
 * user is refused (not a member). So, to let Adele and Megan see and press their own card: the exact
 * activity the bot sent to that person's 1:1 chat is shown, unchanged, in the visible personal pane
 * (posted through the Playground's connector), and the click on it is sent to the Playground as that
 * person, in *their own* 1:1 chat, on the bot's original message there (conversation id and reply-to id
 * rewritten in the page's request). The bot thus gets exactly the invoke Teams would send.
 */
let ownChat: { conversationId: string; messageId: string } | undefined;

async function showInPersonalPane(sent: BotMessage): Promise<void> {
  const res = await page.request.post(`${pg.connectorUrl}/v3/conversations/${encodeURIComponent(DEFAULT_CONFIG.personalChatId)}/activities`, {
    data: { type: 'message', from: DEFAULT_CONFIG.bot, text: sent.text, attachments: sent.attachments },
  });
  if (!res.ok()) throw new Error(`Could not show the personal card: ${res.status()} ${await res.text()}`);
  ownChat = { conversationId: sent.conversationId, messageId: String(sent.response?.id) };
}

async function routeClicksToOwnChat(p: Page): Promise<void> {
  // Registered after the driver's route, so it runs first; fallback() hands on to the driver's (which sets from.id).
  await p.route(/\/_conversation\/v1\/invoke$/, async (route) => {
    const body = route.request().postDataJSON() ?? {};
    if (!ownChat || body.conversation?.id !== DEFAULT_CONFIG.personalChatId) return route.fallback();
    return route.fallback({ postData: JSON.stringify({ ...body, conversation: { ...body.conversation, id: ownChat.conversationId }, replyToId: ownChat.messageId }) });
  });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  bot = await TestBot.start(process.env.E2E_TRAFFIC ? { env: { LOG_LEVEL: 'debug' } } : {});
  pg = await startPlayground({ botEndpoint: `${bot.paragraf.url}/api/messages` });
  browser = await openBrowser();
  // Generous timeouts: the page loads slowly when the machine is busy with other suites.
  page = await openPlayground(browser, pg, { timeoutMs: 90_000, viewport: { width: 1280, height: 900 } });
  await routeClicksToOwnChat(page);
  await switchConversation(page, 'groupChat', { timeoutMs: 60_000 });
}, 240_000);

afterAll(async () => {
  // E2E_TRAFFIC=1: keep the recorded Playground ↔ bot traffic, and bot logs, for debugging.
  if (process.env.E2E_TRAFFIC) fs.writeFileSync(path.join(SHOTS, 'traffic.json'), JSON.stringify(pg?.traffic() ?? [], null, 1));
  await browser?.close();
  await pg?.stop();
  await bot?.stop();
});

const T = 30_000;

test('kallelse, svar, upprop, paragrafer, votering, uppdrag, protokoll and justering in the Playground', async () => {
  // --- The secretary binds the group chat to a body and pastes the roster.
  await sendMessage(page, 'nytt organ Samråd vård och omsorg\nProfil: samverkan');
  await lastBotCard(page, { containing: 'Samråd vård och omsorg', timeoutMs: T });
  await sendMessage(page, [
    'ledamöter',
    'Ledamöter:',
    'Megan Bowen (s) Umeå kommun, ordförande',
    'Adele Vance (m) Lycksele kommun',
    'Isaiah Langer (c) Region Västerbotten',
    'Patti Fernandez (s) Vännäs kommun',
    'Ersättare:',
    'Lynne Robbins (s) Region Västerbotten',
    'Tjänstepersoner:',
    'Alex Wilber, sekreterare',
  ].join('\n'));
  const roster = await lastBotCard(page, { containing: 'Tjänstepersoner', timeoutMs: T });
  expect(await cardText(roster)).toMatch(/Ledamöter 4/);
  await screenshot('ledamoter', roster);

  // --- Nytt möte with four items from seed 002.
  await sendMessage(page, [
    'nytt möte',
    `Datum: ${today} kl. 09.00-12.00`,
    'Plats: Teams',
    '42. Godkännande av föredragningslistan och upprop',
    '43. Uppföljning beslut hos respektive huvudman',
    'Muntligt informationsärende',
    'Föredragande: Britta Edström och Katarina Lindahl',
    '44. Omställning till nära vård',
    'Beslutsärende',
    'Föredragande: Britta Edström och Katarina Lindahl',
    'Förslag till beslut: att godkänna layout för Framtidsbild Nära vård 2030',
    '45. Aktuellt i samverkan',
    'Muntligt informationsärende',
  ].join('\n'));
  const preview = await lastBotCard(page, { withButton: 'Skicka kallelse', timeoutMs: T });
  expect(await cardText(preview)).toContain('§ 44 Omställning till nära vård');
  await screenshot('foredragningslista', preview);

  await clickCardButton(page, 'Skicka kallelse', { timeoutMs: T });
  await waitForText(page, 'Kallelsen till mötet', T);
  // The kallelse is posted to the chat by the outbox, with the answer buttons.
  const kallelse = await lastBotCard(page, { containing: 'Kallelse', withButton: 'Jag kommer', timeoutMs: T });
  const kt = await cardText(kallelse);
  expect(kt).toContain('Samråd vård och omsorg');
  expect(kt).toContain('§ 43 Uppföljning beslut hos respektive huvudman');
  await screenshot('kallelse', kallelse);

  // --- Members answer as themselves; each sees their own answer on the card they pressed.
  for (const [who, button, label] of [
    ['Megan Bowen', 'Jag kommer', 'Jag kommer'],
    ['Adele Vance', 'Jag kommer', 'Jag kommer'],
    ['Isaiah Langer', 'Jag kommer', 'Jag kommer'],
    ['Patti Fernandez', 'Förhinder', 'Förhinder'],
  ] as const) {
    switchUser(page, who);
    const r = await clickCardButton(page, button, { containing: 'Kallelse', timeoutMs: T });
    expect(r.kind).toBe('invoke');
    const mine = await lastBotCard(page, { containing: 'Du kan ändra ditt svar', timeoutMs: T });
    expect(await cardText(mine)).toContain(`Ditt svar: ${label}`);
    if (who === 'Isaiah Langer') expect(await cardText(mine)).toContain('Ledamöter som kommer 3 av 4');
    if (who === 'Patti Fernandez') await screenshot('svar', mine);
  }
  switchUser(page, 'Alex Wilber');

  // --- Upprop: Adele Vance is chosen as justerare.
  await sendMessage(page, 'starta mötet');
  const upprop = await lastBotCard(page, { containing: 'Upprop', withButton: 'Bekräfta upprop', timeoutMs: T });
  expect(await cardText(upprop)).toContain('Megan Bowen');
  await fillCardInput(page, 'Justerare', ['Adele Vance'], { containing: 'Upprop' });
  await screenshot('upprop', upprop);
  expect((await clickCardButton(page, 'Bekräfta upprop', { timeoutMs: T })).kind).toBe('invoke');

  // --- § 42 by text, § 43 by button, § 44 votering by text + Beslut by button, § 45 uppdrag by text + button.
  await lastBotCard(page, { containing: '§ 42.', withButton: 'Nästa ärende', timeoutMs: T });
  await sendMessage(page, 'utfall §42: Föredragningslistan godkändes.');
  await waitForText(page, '§ 42: Föredragningslistan godkändes.', T);
  await clickCardButton(page, 'Nästa ärende', { containing: '§ 42.', timeoutMs: T });

  await lastBotCard(page, { containing: '§ 43. Uppföljning beslut hos respektive huvudman', withButton: 'Godkände informationen', timeoutMs: T });
  await fillCardInput(page, 'Anteckning till protokollet', 'Samtliga huvudmän har fattat beslut.', { containing: '§ 43.' });
  await clickCardButton(page, 'Godkände informationen', { containing: '§ 43.', timeoutMs: T });
  const p43 = await lastBotCard(page, { containing: 'Samråd vård och omsorg godkände informationen.', timeoutMs: T });
  await screenshot('paragraf-43', p43);
  await clickCardButton(page, 'Nästa ärende', { containing: '§ 43.', timeoutMs: T });

  await lastBotCard(page, { containing: '§ 44. Omställning till nära vård', withButton: 'Beslut', timeoutMs: T });
  await sendMessage(page, 'votering §44 ja: Megan Bowen, Isaiah Langer; nej: Adele Vance');
  await waitForText(page, /§ 44.*(ja|Ja)/, T);
  await fillCardInput(page, 'Anteckning till protokollet', 'Framtidsbilden har fått en ny layout.', { containing: '§ 44.' });
  await clickCardButton(page, 'Beslut', { containing: '§ 44.', timeoutMs: T });
  const p44 = await lastBotCard(page, { containing: 'Samråd vård och omsorg beslutade', timeoutMs: T });
  await screenshot('paragraf-44-beslut', p44);
  await clickCardButton(page, 'Nästa ärende', { containing: '§ 44.', timeoutMs: T });

  await lastBotCard(page, { containing: '§ 45. Aktuellt i samverkan', withButton: 'Godkände informationen', timeoutMs: T });
  await sendMessage(page, 'uppdrag Isaiah Langer §45: Ta frågan om patientråden vidare senast 2027-01-31');
  await waitForText(page, /Isaiah Langer/, T);
  await clickCardButton(page, 'Godkände informationen', { containing: '§ 45.', timeoutMs: T });
  await lastBotCard(page, { containing: '§ 45.', timeoutMs: T });

  await sendMessage(page, 'avsluta mötet');
  await waitForText(page, 'Mötet är avslutat', T);
  await screenshot('avslutat');

  // --- Protokoll → Skicka till justering.
  const sendMark = pg.traffic().length;
  await sendMessage(page, 'protokoll');
  const protocol = await lastBotCard(page, { containing: 'Protokollutkast, version 1', withButton: 'Skicka till justering', timeoutMs: T });
  const pt = await cardText(protocol);
  expect(pt).toContain('§ 44. Omställning till nära vård');
  await screenshot('protokollutkast', protocol);
  await clickCardButton(page, 'Skicka till justering', { timeoutMs: T });
  await waitForText(page, /skickad till justering till/, T);

  // --- Adele (justerare) and Megan (ordförande) each press Justera on the card in their own 1:1 chat.
  const adeleChat = await personalChatOf(page, 'Adele Vance');
  const meganChat = await personalChatOf(page, 'Megan Bowen');
  const toAdele = await waitForBotMessage(page, { conversationId: adeleChat, text: 'protokoll.justera', since: sendMark }, 60_000);
  const toMegan = await waitForBotMessage(page, { conversationId: meganChat, text: 'protokoll.justera', since: sendMark }, 60_000);

  await switchConversation(page, 'personal', { timeoutMs: T });
  for (const [who, sent, notice] of [
    ['Adele Vance', toAdele, 'Tack, du har justerat version 1.'],
    ['Megan Bowen', toMegan, 'Alla har justerat. Protokollet är låst (version 1).'],
  ] as const) {
    await showInPersonalPane(sent);
    const review = await lastBotCard(page, { withButton: 'Justera', timeoutMs: T });
    expect(await cardText(review)).toContain('§ 44. Omställning till nära vård');
    if (who === 'Adele Vance') await screenshot('justering', review, 'end');
    switchUser(page, who);
    const pressed = await clickCardButton(page, 'Justera', { timeoutMs: T });
    expect(pressed.kind).toBe('invoke');
    const done = await lastBotCard(page, { containing: notice, timeoutMs: T });
    expect(await done.getByRole('button', { name: 'Justera', exact: true }).count()).toBe(0);
    if (who === 'Megan Bowen') await screenshot('justerad-av-ordforande', done);
    ownChat = undefined;
  }
  switchUser(page, 'Alex Wilber');

  // --- The group chat gets the locked protocol.
  await switchConversation(page, 'groupChat', { timeoutMs: T });
  await waitForText(page, /är justerat av Adele Vance och Megan Bowen och låst \(version 1\)/, 60_000);
  const locked = await lastBotCard(page, { containing: 'Justerat och låst', withButton: 'Rättelse (ny version)', timeoutMs: T });
  const lt = await cardText(locked);
  // Swedish time, as everything a person reads: no "UTC".
  expect(lt).toMatch(/låst \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, kontrollsumma [0-9a-f]{16}/);
  expect(lt).not.toContain('UTC');
  expect(lt).toContain('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.');
  expect(lt).toContain('Uppdrag till Isaiah Langer: Ta frågan om patientråden vidare (senast 2027-01-31)');
  expect(lt).toMatch(/Megan Bowen \(s\) ja, Adele Vance \(m\) nej, Isaiah Langer \(c\) ja/);
  await screenshot('justerat', locked);
  // And in storage: locked, both approvals, the recorded attendance.
  const bodyId = BodyRepo.idFor(DEFAULT_CONFIG.groupChat.id);
  const [meeting] = await bot.services.meetings.listForBody(bodyId);
  expect(meeting.status).toBe('justerat');
  expect(meeting.protocol[0].approvals.map((a) => a.name).sort()).toEqual(['Adele Vance', 'Megan Bowen']);
  expect(Object.values(meeting.attendance.present).filter(Boolean)).toHaveLength(4); // Megan, Adele, Isaiah + Alex
}, 300_000);
