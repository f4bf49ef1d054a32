import type { Browser, Page } from 'playwright-core';
import { TestBot } from '../support/bot';
import { startPlayground, openBrowser, openPlayground, sendMessage, lastBotCard, type Playground } from './playground';

/** In the Agents Playground: "hjälp" in the personal chat shows the help card with the commands. */

let bot: TestBot;
let pg: Playground;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  bot = await TestBot.start();
  pg = await startPlayground({ botEndpoint: `${bot.paragraf.url}/api/messages` });
  browser = await openBrowser();
  // Generous timeouts: the page loads slowly when the machine is busy with other suites.
  page = await openPlayground(browser, pg, { timeoutMs: 90_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop();
  await bot?.stop();
});

test('hjälp shows the help card with its title and the commands', async () => {
  await sendMessage(page, 'hjälp');
  const card = await lastBotCard(page, { containing: 'Paragraf – mötesstöd i Teams', timeoutMs: 30_000 });
  const text = (await card.innerText()).replace(/\s+/g, ' ');
  for (const command of ['nytt organ <namn>', 'ledamöter', 'nytt möte', 'starta mötet', 'avsluta mötet', 'protokoll']) expect(text).toContain(command);
  expect(text).toContain('Före mötet');
  expect(text).toContain('Efter mötet');
}, 120_000);
