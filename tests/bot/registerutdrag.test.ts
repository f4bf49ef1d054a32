import { TestBot, groupChat, personalChat, cardText } from '../support/bot';
import { cast, prepareMeeting } from '../support/meeting-fixture';
import type { Meeting } from '../../src/domain/meeting';
import { openUrl } from '../support/gdpr-fixture';

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start();
});
afterAll(async () => {
  await bot.stop();
});

const c = cast(3, 'Utdrag ');

/** The extract's card among what was sent while the command ran (the outbox may send too), and the file its link serves. */
async function extractOf(ex: { cards: any[] }): Promise<{ card: any; said: string }> {
  const cards = ex.cards.filter((k) => cardText(k).startsWith('Registerutdrag'));
  expect(cards).toHaveLength(1);
  const res = await fetch(openUrl(cards[0]));
  expect(res.status).toBe(200);
  return { card: cards[0], said: await res.text() };
}
const conv = groupChat('registerutdrag');

test('mina uppgifter in the personal chat lists what is stored about the caller, and nobody else', async () => {
  const { bodyId, meetingId } = await prepareMeeting(bot, conv, c, { name: 'Utdragsnämnden' });
  const [eva, other] = c.ledamoter;
  expect((await bot.press(eva, conv, 'kallelse.svara', { meetingId, answer: 'förhinder' })).status).toBe(200);
  await bot.press(other, conv, 'kallelse.svara', { meetingId, answer: 'kommer' });
  const roster = (await bot.services.bodies.get(bodyId))!.value.roster;
  const evaId = roster.find((r) => r.aadObjectId === eva.aadObjectId)!.id;
  const otherId = roster.find((r) => r.aadObjectId === other.aadObjectId)!.id;
  // What the meeting would have recorded about her (the meeting flow's own tests cover recording it).
  await bot.services.meetings.change(bodyId, meetingId, {
    actor: { id: c.secretary.aadObjectId, name: c.secretary.name },
    action: 'test',
    apply: (m) => {
      const cur = m as Meeting;
      const items = cur.items.map((it, i) =>
        i === 1
          ? {
              ...it,
              votes: [{ id: 'v1', question: 'bifall till förslaget', votes: { [evaId]: 'nej' as const, [otherId]: 'ja' as const }, ja: 1, nej: 1, avstar: 0, result: 'ja' as const }],
              reservations: [{ memberId: evaId, kind: 'reservation' as const, text: 'Till förmån för eget yrkande', at: '2030-12-17T10:00:00.000Z' }],
              jav: [otherId],
            }
          : it,
      );
      return { ...cur, items };
    },
  });

  await bot.services.outbox.pump(); // the ersättare's call goes out first, so only the extract is in the answer
  const ex = await bot.say(eva, personalChat(eva), 'mina uppgifter');
  expect(ex.status).toBe(200);
  const { card, said } = await extractOf(ex);
  const text = cardText(card);
  expect(text).toContain('Utdragsnämnden');
  expect(text).toContain(eva.name);
  expect(card.version).toBe('1.5');

  const json = JSON.parse(said.slice(said.indexOf('{')));
  const x = json.registerutdrag;
  expect(x.aadObjectId).toBe(eva.aadObjectId);
  expect(x.roster).toEqual([expect.objectContaining({ body: 'Utdragsnämnden', name: eva.name, role: 'ledamot' })]);
  expect(x.roster[0].removedAt).toBeUndefined();
  expect(x.rsvps).toEqual([expect.objectContaining({ answer: 'förhinder' })]);
  expect(x.votes).toEqual([expect.objectContaining({ paragraph: 2, choice: 'nej', question: 'bifall till förslaget' })]);
  expect(x.reservations).toEqual([expect.objectContaining({ kind: 'reservation', text: 'Till förmån för eget yrkande' })]);
  expect(x.jav).toEqual([]); // the other member's jäv is not hers
  expect(x.audit.some((e: any) => e.action === 'kallelse.svara')).toBe(true);
  expect(said).not.toContain(other.name);
  expect(said).not.toContain(other.aadObjectId);

  // The secretary's extract holds what she did: the body, the roster, the meeting, the kallelse.
  const sec = await bot.say(c.secretary, personalChat(c.secretary), 'mina uppgifter');
  const secJson = JSON.parse((await extractOf(sec)).said).registerutdrag;
  expect(secJson.founderOf).toEqual(['Utdragsnämnden']);
  expect(secJson.audit.map((e: any) => e.action)).toEqual(expect.arrayContaining(['organ.skapa', 'ledamöter.ersätt', 'möte.skapa', 'kallelse.skicka']));
  expect(secJson.rsvps).toEqual([]);
});

test('someone Paragraf knows nothing about gets an empty extract', async () => {
  const stranger = { aadObjectId: 'aad-okand', name: 'Okänd Person' };
  const ex = await bot.say(stranger, personalChat(stranger), 'mina uppgifter');
  const { card, said } = await extractOf(ex);
  const x = JSON.parse(said.replace(/^[^{]*/, '')).registerutdrag;
  expect(x.roster).toEqual([]);
  expect(x.audit).toEqual([]);
  expect(cardText(card)).toContain('Okänd Person');
});

test('in a group chat the extract is refused, so it is not shown to others', async () => {
  const ex = await bot.say(c.ledamoter[0], conv, 'mina uppgifter');
  expect(ex.cards.filter((k) => cardText(k).startsWith('Registerutdrag'))).toHaveLength(0);
  expect(ex.texts.join()).toMatch(/personliga chatt/);
});
