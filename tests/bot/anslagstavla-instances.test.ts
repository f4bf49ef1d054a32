import { TestBot, groupChat, personalChat, startTwoInstances } from '../support/bot';
import { kommunallagen, maria, carin, eva } from '../support/protocol-fixtures';

/**
 * Two instances sharing one table store: the one that records the anslag shows it at once; the
 * other, which served the board from memory before, shows it once its rows are older than
 * PARAGRAF_ANSLAGSTAVLA_CACHE_MS, and both then serve the same page.
 */
const REFRESH_MS = 1500;
const now = () => new Date('2022-06-03T08:00:00Z');
let a: TestBot;
let b: TestBot;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ a, b, stop } = await startTwoInstances({ env: { PARAGRAF_ANSLAGSTAVLA_CACHE_MS: String(REFRESH_MS) }, clock: now }));
});
afterAll(() => stop());

const board = async (bot: TestBot) => (await fetch(`${bot.paragraf.url}/anslagstavla`)).text();

test('an anslag recorded on one instance reaches the other within the refresh interval', async () => {
  const conv = groupChat('anslagstavla-two');
  const { body, meeting } = await kommunallagen(a.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await a.say(maria, conv, 'protokoll');
  await a.press(maria, conv, 'protokoll.skicka', ids);
  await a.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await a.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  expect(await board(b)).toContain('Det finns inga anslag uppe just nu.');
  const readAt = Date.now();

  await a.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2022-06-03' });
  expect(await board(a)).toContain('Vård- och omsorgsnämnden, sammanträde onsdag 1 juni 2022');
  // B still serves what it read: from memory, not from storage per request (when the machine was quick enough to ask in time).
  const stale = await board(b);
  if (Date.now() - readAt < REFRESH_MS) expect(stale).toContain('Det finns inga anslag uppe just nu.');
  await new Promise((r) => setTimeout(r, Math.max(0, readAt + REFRESH_MS + 100 - Date.now())));
  expect(await board(b)).toBe(await board(a));
});
