import { TestBot, groupChat, personalChat, cardText, findAction, person } from '../support/bot';
import { makeBody } from '../support/case-fixtures';
import { removedEva, drain, personalCards, personalTexts, eva, maria, carin, kenneth } from '../support/gdpr-fixture';
import { MeetingRepo } from '../../src/storage/meetings';
import { verifyAuditLog } from '../../src/storage/audit-verify';
import { recipientAad } from '../../src/bot/outbox';

let bot: TestBot;
const now = new Date('2021-12-17T15:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

/** The newest request card in the secretary's personal chat with this heading. */
function requestCard(heading: string): any {
  const cards = personalCards(bot, maria).filter((k) => cardText(k).includes(heading));
  expect(cards.length).toBeGreaterThan(0);
  return cards[cards.length - 1];
}

async function requestsOf(aad: string) {
  return bot.services.requests.byPerson(aad);
}

test('rättelse and radering: recorded, sent to the secretary, handled by her only, logged, and the person told', async () => {
  const conv = groupChat('begaran');
  const { bodyId, meetingId } = await removedEva(bot, conv);
  // A second body where she is still a ledamot, with its own secretary.
  const conv2 = groupChat('begaran-2');
  const annica = person('Annica Sekreterare');
  const body2 = await makeBody(bot.services, conv2, { name: 'Välfärdsrådet', secretary: annica, members: [eva] });
  await bot.say(annica, conv2, 'hjälp');

  // Refused where others would see it, and without a description; nothing is recorded.
  expect((await bot.say(eva, conv, 'rätta mina uppgifter Fel parti')).texts.join()).toMatch(/personliga chatt/);
  expect((await bot.say(eva, personalChat(eva), 'rätta mina uppgifter')).texts.join()).toMatch(/Skriv vad som är fel/);
  expect(await requestsOf(eva.aadObjectId)).toEqual([]);
  const stranger = person('Okänd Person');
  expect((await bot.say(stranger, personalChat(stranger), 'radera mina uppgifter')).texts.join()).toMatch(/Du finns inte med i något organ/);
  expect(await requestsOf(stranger.aadObjectId)).toEqual([]);

  // Rättelse: recorded and sent to the secretary's personal chat as a card.
  const asked = await bot.say(eva, personalChat(eva), 'rätta mina uppgifter Min reservation i § 2 gällde hela taxan, inte bara nivån.');
  expect(asked.texts.join()).toContain('Begäran om rättelse är registrerad och skickad till sekreteraren i Vård- och omsorgsnämnden och Välfärdsrådet');
  await drain(bot);
  const card = requestCard('Begäran om rättelse');
  // Each body's secretary gets it in their personal chat, naming their own body.
  const card2 = personalCards(bot, annica).find((k) => cardText(k).includes('Begäran om rättelse'));
  expect(cardText(card2)).toContain('Välfärdsrådet');
  expect(findAction(card2, 'Avslå').data.bodyId).toBe(body2.id);
  // A secretary acts only for her own body.
  expect((await bot.press(maria, personalChat(maria), 'begäran.hantera', { ...findAction(card2, 'Avslå').data, reason: 'x' })).message).toBe('Det här får bara sekreteraren göra.');
  expect(cardText(card)).toContain('Min reservation i § 2 gällde hela taxan');
  expect(cardText(card)).toContain('ny version som justeras på nytt');
  const refuse = findAction(card, 'Avslå');
  expect(findAction(card, 'Rättat')).toBeDefined();
  const [correction] = await requestsOf(eva.aadObjectId);
  expect(correction).toMatchObject({ kind: 'rättelse', status: 'mottagen' });
  expect(correction.bodies.map((b) => b.bodyId).sort()).toEqual([bodyId, body2.id].sort());

  // Someone who is not the secretary is refused, in Swedish, and nothing changes.
  for (const who of [kenneth, carin, eva]) {
    const ex = await bot.press(who, conv, 'begäran.hantera', { ...refuse.data, reason: 'Nej' });
    expect(ex.message).toBe('Det här får bara sekreteraren göra.');
  }
  expect((await bot.services.requests.get(correction.id))!.value.status).toBe('mottagen');
  // A forged payload is read with zod and refused.
  expect((await bot.press(maria, personalChat(maria), 'begäran.hantera', { ...refuse.data, decision: 'raderad' })).message).toMatch(/Kortets uppgifter kunde inte läsas/);
  // Refusing needs a reason.
  expect((await bot.press(maria, personalChat(maria), 'begäran.hantera', refuse.data)).message).toMatch(/Skriv ett skäl/);

  const refused = await bot.press(maria, personalChat(maria), 'begäran.hantera', { ...refuse.data, reason: 'Reservationen står som den anmäldes vid sammanträdet.' });
  expect(cardText(refused.card)).toContain('Avslagen av Maria Lind');
  expect(findAction(refused.card, 'Avslå')).toBeUndefined();
  await drain(bot);
  const told = personalTexts(bot, eva).join('\n');
  expect(told).toContain('Din begäran om rättelse avslogs av Maria Lind (Vård- och omsorgsnämnden). Skäl: Reservationen står som den anmäldes vid sammanträdet.');
  expect(told).toContain('Ett justerat protokoll ändras inte i efterhand. Det rättas bara genom en ny version som justeras på nytt');
  // Decided once, by whichever secretary came first.
  expect((await bot.press(maria, personalChat(maria), 'begäran.hantera', { ...refuse.data, decision: 'utförd' })).message).toMatch(/redan avslagen/);
  expect((await bot.press(annica, personalChat(annica), 'begäran.hantera', { ...findAction(card2, 'Rättat').data })).message).toMatch(/redan avslagen av Maria Lind/);

  // Radering.
  const erase = await bot.say(eva, personalChat(eva), 'radera mina uppgifter');
  const receipt = erase.texts.join();
  expect(receipt).toContain('Begäran om radering är registrerad');
  expect(receipt).toContain('arkivlagen (1990:782)');
  expect(receipt).toContain('tryckfrihetsförordningen 2 kap.');
  // A second one while the first waits is refused, and nothing is recorded.
  expect((await bot.say(eva, personalChat(eva), 'radera mina uppgifter')).texts.join()).toMatch(/Du har redan en begäran om radering som väntar/);
  expect((await requestsOf(eva.aadObjectId)).filter((r) => r.kind === 'radering')).toHaveLength(1);
  await drain(bot);
  const eraseCard = requestCard('Begäran om radering');
  const doErase = findAction(eraseCard, 'Radera');
  expect((await bot.press(kenneth, conv, 'begäran.hantera', doErase.data)).message).toBe('Det här får bara sekreteraren göra.');
  const storedBefore = (await bot.services.conversations.personal(eva.aadObjectId))!;
  expect(storedBefore).toBeDefined();

  const done = await bot.press(maria, personalChat(maria), 'begäran.hantera', doErase.data);
  expect(cardText(done.card)).toContain('Raderingen är utförd av Maria Lind');
  await drain(bot);

  // Conversation references and contact data are gone.
  expect(await bot.services.conversations.personal(eva.aadObjectId)).toBeUndefined();
  expect(await bot.services.conversations.get(personalChat(eva).id)).toBeUndefined();
  expect((await bot.services.conversations.get(conv.id))!.user?.aadObjectId).not.toBe(eva.aadObjectId);
  const outboxTo: string[] = [];
  for await (const e of bot.paragraf.store.table('outbox').listEntities<{ to: string }>()) outboxTo.push(String(e.to));
  expect(outboxTo.filter((t) => recipientAad(t) === eva.aadObjectId || t.includes(eva.aadObjectId))).toEqual([]);
  const body = (await bot.services.bodies.get(bodyId))!.value;
  const former = body.formerRoster!.find((r) => r.name === eva.name)!;
  expect(former.aadObjectId).toBeUndefined();
  expect(former.teamsUserId).toBeUndefined();
  // Where she is still a member, her roster link stays (kallelser still reach her).
  expect((await bot.services.bodies.get(body2.id))!.value.roster.find((r) => r.name === eva.name)!.aadObjectId).toBe(eva.aadObjectId);

  // What is an allmän handling stays: the locked protocol still names her, with her vote and reservation.
  const meeting = (await bot.services.meetings.get(bodyId, meetingId))!.value;
  expect(meeting.protocol[0].lockedAt).toBeDefined();
  expect(meeting.protocol[0].markdown).toContain('Eva Stuge');
  expect(meeting.protocol[0].markdown).toContain('Taxan slår hårt mot dem med låga inkomster.');

  // She was told, in the chat her request came from, what was removed, what stays and why.
  const outcome = personalTexts(bot, eva).join('\n');
  expect(outcome).toContain('Din begäran om radering är utförd av Maria Lind (Vård- och omsorgsnämnden).');
  expect(outcome).toMatch(/\d+ konversationsreferens\(er\)/);
  expect(outcome).toContain('arkivlagen (1990:782)');
  expect(outcome).toContain('dataskyddsförordningen artikel 17.3 b och d');
  // The answer's one-off address is not kept after delivery.
  expect(await bot.services.conversations.personal(eva.aadObjectId)).toBeUndefined();

  // Every step is in the audit log, and the chains hold.
  const [erasure] = (await requestsOf(eva.aadObjectId)).filter((r) => r.kind === 'radering');
  // her personal chat (as a person and as a conversation) and the body's chat where she spoke last
  expect(erasure.erased).toEqual({ conversations: 3, outbox: expect.any(Number), rosterLinks: 1 });
  expect((await bot.paragraf.repos.requests.docs.audit(correction.id)).map((e) => e.action)).toEqual(['uppgifter.rätta', 'uppgifter.beslut']);
  const steps = await bot.paragraf.repos.requests.docs.audit(erasure.id);
  expect(steps.map((e) => e.action)).toEqual(['uppgifter.radera', 'uppgifter.beslut', 'uppgifter.radera.utförd']);
  expect(steps.every((e) => e.actorName)).toBe(true);
  expect(steps[2].summary).toContain('protokoll och ändringslogg finns kvar');
  expect((await bot.paragraf.repos.bodies.docs.audit(bodyId)).map((e) => e.action)).toContain('uppgifter.radera');
  const report = await verifyAuditLog(bot.paragraf.store);
  expect(report.problems).toEqual([]);
  // The meeting's own log is untouched by the erasure.
  expect((await bot.paragraf.repos.meetings.docs.audit(MeetingRepo.pk(bodyId, meetingId))).some((e) => e.action.startsWith('uppgifter'))).toBe(false);
});
