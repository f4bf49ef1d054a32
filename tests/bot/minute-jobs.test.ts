import { TestBot } from '../support/bot';
import { MinuteJobs } from '../support/minute-jobs';

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ env: { PARAGRAF_DOC_CACHE_MS: '0' } });
}, 60_000);
afterAll(async () => {
  await bot.stop();
});

test("a minute's scheduled jobs cost as many storage round trips with 10 held meetings as with 1 010", async () => {
  const jobs = new MinuteJobs(bot);
  await jobs.setUp();
  await jobs.archiveTo(10);
  const few = await jobs.minute();
  expect(few.ran).toEqual(expect.arrayContaining(['kallelse.påminnelser', 'justering.påminnelser', 'ärendelogg.påminnelser']));
  // Past one page of a query (1 000 entities), so a scan of all meetings would cost more round trips.
  await jobs.archiveTo(1010);
  const many = await jobs.minute();
  expect(many.ran).toEqual(few.ran);
  expect(many.count).toBe(few.count);
  expect(many.kinds).toEqual(few.kinds);
}, 240_000);
