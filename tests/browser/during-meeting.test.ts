import type { Browser, Page } from 'playwright-core';
import { TestBot } from '../support/bot';
import { bodyFixture, meetingFixture, store } from '../support/fixtures';
import { DEFAULT_CONFIG, startPlayground, openBrowser, openPlayground, switchConversation, sendMessage, lastBotCard, fillCardInput, clickCardButton, type Playground } from './playground';
import type { Body } from '../../src/domain/body';
import { emptyItem, type Meeting } from '../../src/domain/meeting';
import { swedishDay } from '../../src/domain/meeting-time';

/** In the Agents Playground: the secretary starts the meeting, confirms the upprop and records an outcome by pressing the cards' buttons. */

let bot: TestBot;
let pg: Playground;
let browser: Browser;
let page: Page;
let body: Body;
let meeting: Meeting;

beforeAll(async () => {
  bot = await TestBot.start();
  const users = [DEFAULT_CONFIG.currentUser, ...DEFAULT_CONFIG.users];
  body = bodyFixture({ id: DEFAULT_CONFIG.groupChat.id, type: 'groupChat' }, {
    name: 'Samråd vård och omsorg',
    roster: [
      { name: 'Megan Bowen', party: 's', organisation: 'Umeå kommun', role: 'ordförande' },
      { name: 'Adele Vance', party: 'm', organisation: 'Lycksele kommun', role: 'ledamot' },
      { name: 'Isaiah Langer', party: 'c', organisation: 'Region Västerbotten', role: 'ledamot' },
      { name: 'Alex Wilber', role: 'tjänsteperson', title: 'sekreterare', secretary: true },
    ],
  });
  // Linked to the Playground's mock users, the way the roster paste links by display name.
  body = { ...body, roster: body.roster.map((r) => ({ ...r, aadObjectId: users.find((u) => u.name === r.name)!.aadObjectId })), founders: [DEFAULT_CONFIG.currentUser.aadObjectId] };
  // Booked for today (the Swedish day), so starta mötet opens the upprop without asking to confirm another day.
  const today = swedishDay(new Date());
  meeting = meetingFixture(body, {
    start: `${today}T09:00`,
    end: `${today}T12:00`,
    items: [
      emptyItem({ id: 'i44', paragraph: 44, title: 'Uppföljning beslut hos respektive huvudman', kind: 'Muntligt informationsärende', presenters: 'Britta Edström och Katarina Lindahl' }),
      emptyItem({ id: 'i45', paragraph: 45, title: 'Aktuellt i samverkan', kind: 'Muntligt informationsärende' }),
    ],
  });
  await store(bot.services, body, meeting);
  pg = await startPlayground({ botEndpoint: `${bot.paragraf.url}/api/messages` });
  browser = await openBrowser();
  // Generous timeouts: the page loads slowly when the machine is busy with other suites.
  page = await openPlayground(browser, pg, { timeoutMs: 90_000 });
  await switchConversation(page, 'groupChat', { timeoutMs: 60_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop();
  await bot?.stop();
});

test('upprop and an outcome recorded by pressing the card buttons', async () => {
  expect(page).toBeDefined();
  await sendMessage(page, 'starta mötet');
  await lastBotCard(page, { containing: 'Upprop', withButton: 'Bekräfta upprop', timeoutMs: 20_000 });
  await fillCardInput(page, 'Justerare', ['Adele Vance'], { containing: 'Upprop' });
  const confirmed = await clickCardButton(page, 'Bekräfta upprop');
  expect(confirmed.kind).toBe('invoke');
  await lastBotCard(page, { containing: '§ 44. Uppföljning beslut hos respektive huvudman', withButton: 'Godkände informationen', timeoutMs: 20_000 });
  await fillCardInput(page, 'Anteckning till protokollet', 'Samtliga huvudmän har fattat beslut.', { containing: '§ 44.' });
  const pressed = await clickCardButton(page, 'Godkände informationen', { containing: '§ 44.' });
  expect(pressed.kind).toBe('invoke');
  // The card is replaced in place and shows the closing formula.
  await lastBotCard(page, { containing: 'Samråd vård och omsorg godkände informationen.', timeoutMs: 20_000 });

  const m = (await bot.services.meetings.get(body.id, meeting.id))!.value;
  const adele = body.roster.find((r) => r.name === 'Adele Vance')!;
  expect(m.status).toBe('pågår');
  expect(m.justerare).toEqual([adele.id]);
  expect(m.items[0].outcome?.formula).toBe('Samråd vård och omsorg godkände informationen.');
  expect(m.items[0].outcome?.recordedBy).toBe(DEFAULT_CONFIG.currentUser.aadObjectId);
  expect(m.items[0].note).toBe('Samtliga huvudmän har fattat beslut.');
}, 120_000);
