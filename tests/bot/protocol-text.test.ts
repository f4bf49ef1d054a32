import { TestBot, groupChat, cardText } from '../support/bot';
import { buildKommunallagen, buildSeed002, maria, type Built } from '../support/protocol-fixtures';
import { emptyItem } from '../../src/domain/meeting';
import type { Services } from '../../src/services';

/** The protocol text a kommunsekreterare would otherwise correct by hand, through /api/messages. */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2021-12-17T16:00:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

async function store(services: Services, b: Built): Promise<Built> {
  const actor = { id: maria.aadObjectId, name: maria.name };
  await services.bodies.change(b.body.id, { actor, action: 'organ.skapa', apply: () => b.body });
  await services.meetings.change(b.body.id, b.meeting.id, { actor, action: 'möte.avsluta', apply: () => b.meeting });
  return b;
}

async function draftMarkdown(b: Built): Promise<string> {
  return (await bot.services.meetings.get(b.body.id, b.meeting.id))!.value.protocol[0].markdown;
}

test('kommunallagen: a bordlagt Beslutsärende without förslag is no gap; jäv stands before the förslag and the handling', async () => {
  const conv = groupChat('text-kl');
  const built = buildKommunallagen(conv.id);
  const at = '2021-12-17T14:00:00.000Z';
  const items = [
    ...built.meeting.items.map((i) => (i.paragraph === 3 ? { ...i, note: 'Avtalets längd diskuterades.' } : i)),
    emptyItem({ id: 'k4', paragraph: 4, title: 'Ny taxa för färdtjänst', kind: 'Beslutsärende', outcome: { kind: 'bordläggs', formula: 'Vård- och omsorgsnämnden beslutade att bordlägga ärendet.', recordedBy: 'Maria Lind', recordedAt: at } }),
  ];
  const b = await store(bot.services, { ...built, meeting: { ...built.meeting, items } });
  const ex = await bot.say(maria, conv, 'protokoll');
  expect(ex.texts.join()).toContain('skapat (version 1)');
  const md = await draftMarkdown(b);
  expect(md).toContain('## § 4. Ny taxa för färdtjänst');
  const s3 = md.slice(md.indexOf('## § 3.'), md.indexOf('## § 4.'));
  const order = ['anmäler jäv', 'Förslag till beslut: Att godkänna avtalet.', 'Avtalets längd diskuterades.', 'beslutade att godkänna avtalet'].map((t) => s3.indexOf(t));
  expect(order.every((x) => x >= 0)).toBe(true);
  expect([...order].sort((x, y) => x - y)).toEqual(order);
  // SKR's template: who justerar, where and by when.
  expect(md).toContain('Utses att justera: Eva Stuge');
  expect(md).toContain('Justeringens plats och tid: Digitalt i Teams, senast');
});

test('seed 002: `nästa möte` fills § 52 Nästa möte with the year; the protocol card reads "Uppdrag till …"', async () => {
  const conv = groupChat('text-seed');
  const built = buildSeed002(conv.id);
  const items = [
    ...built.meeting.items.map((i) => (i.paragraph === 50 ? { ...i, assignments: [{ ownerName: 'Isaiah Langer', text: 'Ta fram statistik', due: '2022-02-01' }] } : i)),
    emptyItem({ id: 'n52', paragraph: 52, title: 'Nästa möte', standard: 'nästa möte' }),
  ];
  const b = await store(bot.services, { ...built, meeting: { ...built.meeting, items, status: 'pågår', nextMeeting: undefined } });
  expect((await bot.say(maria, conv, 'nästa möte Fredag 18 mars')).texts[0]).toBe('Nästa möte: Fredag 18 mars 2022.');
  await bot.say(maria, conv, 'avsluta mötet');
  const ex = await bot.say(maria, conv, 'protokoll');
  const md = await draftMarkdown(b);
  expect(md).toContain('## § 52. Nästa möte\n\nFredag 18 mars 2022\n');
  expect(md).not.toContain('## Nästa möte');
  const text = cardText(ex.cards[0]);
  expect(text).toContain('Uppdrag till Isaiah Langer: Ta fram statistik');
  expect(text).not.toContain('Uppdrag: Isaiah Langer:');
});

test('reservation (KL 4 kap. 27 §): no text needed, a name is; announced before the meeting ends, motivated until justering', async () => {
  const conv = groupChat('text-reservation');
  const b = await store(bot.services, buildKommunallagen(conv.id));
  const stored = async () => (await bot.services.meetings.get(b.body.id, b.meeting.id))!.value;
  const before = await stored();
  // No name: refused, nothing stored.
  for (const line of ['reservation §2', 'reservation , §2']) {
    const r = await bot.say(maria, conv, line);
    expect(r.texts.join()).toMatch(/Ange (namn och §|vem som reserverar sig)/);
  }
  // The meeting is avslutat: a new reservation is too late under kommunallagen …
  const late = await bot.say(maria, conv, 'reservation Henric Jakobsson §2');
  expect(late.texts.join()).toContain('En reservation ska anmälas innan sammanträdet avslutas (kommunallagen 4 kap. 27 §)');
  expect((await stored()).items[1].reservations).toEqual(before.items[1].reservations);
  // … but the written motivation of one announced during the meeting may still come.
  const motivated = await bot.say(maria, conv, 'reservation Eva Stuge §2: Taxan borde trappas in.');
  expect(motivated.texts.join()).toContain('Reservation av Eva Stuge i § 2 är antecknad.');
  expect((await stored()).items[1].reservations.map((r) => r.text)).toEqual(['Taxan borde trappas in.']);
});
