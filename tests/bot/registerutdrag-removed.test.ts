import { TestBot, groupChat, personalChat, cardText } from '../support/bot';
import { removedEva, eva, maria, openUrl } from '../support/gdpr-fixture';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';

let bot: TestBot;
const now = new Date('2021-12-17T15:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

test('after removal from the roster, mina uppgifter still shows her vote, jäv, reservation, audit entries and conversation references', async () => {
  const conv = groupChat('utdrag-borttagen');
  const { bodyId } = await removedEva(bot, conv);
  const body = (await bot.services.bodies.get(bodyId))!.value;
  expect(body.roster.some((r) => r.name === eva.name)).toBe(false);

  const ex = await bot.say(eva, personalChat(eva), 'mina uppgifter');
  const card = ex.cards.find((k) => cardText(k).startsWith('Registerutdrag'));
  expect(card).toBeDefined();
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  const text = cardText(card);
  expect(text).toContain('Vård- och omsorgsnämnden: Eva Stuge (m), ledamot (borttagen från listan 2021-12-17)');
  expect(text).toContain('Taxan slår hårt mot dem med låga inkomster.');

  const url = openUrl(card);
  expect(url).toMatch(/\/registerutdrag\.json\?/);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/attachment/);
  const x = (await res.json()).registerutdrag;
  expect(x.roster).toEqual([expect.objectContaining({ name: eva.name, role: 'ledamot', removedAt: '2021-12-17T15:00:00.000Z' })]);
  expect(x.votes).toEqual([expect.objectContaining({ paragraph: 2, choice: 'nej' })]);
  expect(x.jav).toEqual([expect.objectContaining({ paragraph: 3 })]);
  expect(x.reservations).toEqual([expect.objectContaining({ paragraph: 2, kind: 'reservation', text: 'Taxan slår hårt mot dem med låga inkomster.' })]);
  expect(x.justerare).toHaveLength(1);
  expect(x.approvals).toEqual([expect.objectContaining({ version: 1 })]);
  expect(x.protocols).toEqual([expect.objectContaining({ version: 1, lockedAt: expect.any(String) })]);
  // Audit entries where she acted, and where she is named though someone else acted.
  expect(x.audit).toEqual(expect.arrayContaining([
    expect.objectContaining({ action: 'protokoll.justera', as: 'utförare' }),
    expect.objectContaining({ action: 'jäv', summary: 'Eva Stuge jävig i § 3', as: 'nämnd' }),
  ]));
  // Her personal chat, and the body's chat where she spoke last.
  expect(x.conversations).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: 'personlig chatt', conversationId: personalChat(eva).id }),
    expect.objectContaining({ kind: 'konversation', conversationId: conv.id }),
  ]));
  // The justering card was sent to her.
  expect(x.outbox.length).toBeGreaterThan(0);
  // Nothing about the others' votes.
  expect(JSON.stringify(x)).not.toContain('Henric Jakobsson');

  // The link is bound to her: changed, it is refused.
  const forged = url.replace(encodeURIComponent(eva.aadObjectId), encodeURIComponent(maria.aadObjectId));
  expect(forged).not.toBe(url);
  const refused = await fetch(forged);
  expect(refused.status).toBe(401);
  expect(await refused.text()).toMatch(/Länken är ogiltig/);
});
