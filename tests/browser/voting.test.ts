import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestBot } from '../support/bot';
import { bodyFixture, meetingFixture, store } from '../support/fixtures';
import { DEFAULT_CONFIG, startPlayground, openBrowser, openPlayground, switchConversation, switchUser, sendMessage, lastBotCard, fillCardInput, clickCardButton, waitForText, type Playground } from './playground';
import type { Body } from '../../src/domain/body';
import { emptyItem, type Meeting } from '../../src/domain/meeting';
import { swedishDay } from '../../src/domain/meeting-time';

/**
 * In the Agents Playground: the secretary starts a votering from the item card, the vote card shows
 * in the group chat with Ja / Nej / Avstår, and the members press them (as themselves, through
 * switchUser). The README's screenshot of the vote card is taken here (UPDATE_SCREENSHOTS=1 writes it
 * to docs/screenshots/).
 */

const OUT = process.env.UPDATE_SCREENSHOTS ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots') : path.resolve(__dirname, '..', '..', 'test-results', 'voting');
const T = 30_000;

let bot: TestBot;
let pg: Playground;
let browser: Browser;
let page: Page;
let body: Body;
let meeting: Meeting;

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  bot = await TestBot.start();
  const users = [DEFAULT_CONFIG.currentUser, ...DEFAULT_CONFIG.users];
  body = bodyFixture({ id: DEFAULT_CONFIG.groupChat.id, type: 'groupChat' }, {
    name: 'Socialnämnden',
    profile: 'kommunallagen',
    roster: [
      { name: 'Megan Bowen', party: 's', organisation: 'Säters kommun', role: 'ordförande' },
      { name: 'Adele Vance', party: 'm', organisation: 'Säters kommun', role: 'ledamot' },
      { name: 'Isaiah Langer', party: 'c', organisation: 'Säters kommun', role: 'ledamot' },
      { name: 'Alex Wilber', role: 'tjänsteperson', title: 'nämndsekreterare', secretary: true },
    ],
  });
  // Linked to the Playground's mock users (and their Teams ids, for the card's refresh).
  body = {
    ...body,
    roster: body.roster.map((r) => {
      const u = users.find((x) => x.name === r.name)!;
      return { ...r, aadObjectId: u.aadObjectId, teamsUserId: u.id };
    }),
    founders: [DEFAULT_CONFIG.currentUser.aadObjectId],
  };
  const today = swedishDay(new Date());
  meeting = meetingFixture(body, {
    start: `${today}T18:00`,
    end: `${today}T20:00`,
    items: [emptyItem({ id: 'i12', paragraph: 12, title: 'Budget 2027', kind: 'Beslutsärende', presenters: 'Tanja Mårtensson', proposal: 'fastställa budget för 2027' })],
  });
  await store(bot.services, body, meeting);
  pg = await startPlayground({ botEndpoint: `${bot.paragraf.url}/api/messages` });
  browser = await openBrowser();
  page = await openPlayground(browser, pg, { timeoutMs: 90_000 });
  await switchConversation(page, 'groupChat', { timeoutMs: 60_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop();
  await bot?.stop();
});

test('a vote card in the group chat: members press Ja / Nej, see their own vote, and the vote closes with the result', async () => {
  await sendMessage(page, 'starta mötet');
  await lastBotCard(page, { containing: 'Upprop', withButton: 'Bekräfta upprop', timeoutMs: T });
  await fillCardInput(page, 'Justerare', ['Adele Vance'], { containing: 'Upprop' });
  await clickCardButton(page, 'Bekräfta upprop');
  await lastBotCard(page, { containing: '§ 12. Budget 2027', withButton: 'Starta votering', timeoutMs: T });
  const started = await clickCardButton(page, 'Starta votering', { containing: '§ 12. Budget 2027' });
  expect(started.kind).toBe('invoke');

  const card = await lastBotCard(page, { containing: 'Den som bifaller förslaget röstar ja', withButton: 'Avstår', timeoutMs: T });
  expect(await card.getByRole('button', { name: 'Ja', exact: true }).count()).toBe(1);
  expect(await card.getByRole('button', { name: 'Nej', exact: true }).count()).toBe(1);

  // Megan Bowen (the chair) votes ja: the card, replaced for her, shows her vote and who has not voted.
  switchUser(page, 'Megan Bowen');
  const ja = await clickCardButton(page, 'Ja', { containing: 'Den som bifaller förslaget röstar ja' });
  expect(ja.kind).toBe('invoke');
  const mine = await lastBotCard(page, { containing: 'Din röst: Ja', timeoutMs: T });
  expect((await mine.innerText()).replace(/\s+/g, ' ')).toContain('Adele Vance och Isaiah Langer');
  await mine.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, '10-votering.png') });
  await mine.screenshot({ path: path.join(OUT, '10-votering-kort.png') });

  switchUser(page, 'Adele Vance');
  await clickCardButton(page, 'Nej', { containing: 'Den som bifaller förslaget röstar ja' });
  switchUser(page, 'Isaiah Langer');
  await clickCardButton(page, 'Ja', { containing: 'Den som bifaller förslaget röstar ja' });
  await waitForText(page, 'Voteringen i § 12 är avslutad. Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej. Med 2 ja-röster mot 1 nej-röst beslutar Socialnämnden enligt förslaget.', T);

  const vote = (await bot.services.meetings.get(body.id, meeting.id))!.value.items[0].votes[0];
  const idOf = (n: string) => body.roster.find((r) => r.name === n)!.id;
  expect(vote.votes).toEqual({ [idOf('Megan Bowen')]: 'ja', [idOf('Adele Vance')]: 'nej', [idOf('Isaiah Langer')]: 'ja' });
  switchUser(page, DEFAULT_CONFIG.currentUser.name);
}, 180_000);
