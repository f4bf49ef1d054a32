import { TestBot, groupChat, person, cardText, findAction, findInput } from '../support/bot';
import { seed002, store, SEED_002_ABSENT, aadOf } from '../support/fixtures';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import { servedParagraphs } from '../../src/domain/serving';

/** Replays seed 002's meeting (Samråd vård och omsorg, 2021-12-17, §§ 42–51) through /api/messages. */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2021-12-17T08:05:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const conv = groupChat('samrad-vard-omsorg');

function toggles(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Input.Toggle') out[n.id] = n.value;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

test('seed 002: upprop, ersättare, every outcome and the next meeting are stored as the protocol shows', async () => {
  const { body, meeting } = seed002(conv);
  await store(bot.services, body, meeting);
  const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
  const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!;

  // Starta mötet opens the upprop, pre-filled from the kallelse answers.
  const start = await bot.say(maria, conv, 'starta mötet');
  expect(start.texts.join('\n')).toContain('Mötet har startat');
  const upprop = start.cards[0];
  expect(aadOf('Kenneth Andersson')).toBe(person('Kenneth Andersson').aadObjectId);
  expect(cardBytes(upprop)).toBeLessThan(MAX_CARD_BYTES);
  expect(upprop.version).toBe('1.5');
  expect(cardText(upprop)).toContain('Upprop');
  const t = toggles(upprop);
  const members = body.roster.filter((r) => r.role !== 'tjänsteperson');
  expect(members.filter((r) => t[`p_${r.id}`] === 'true').length).toBe(14);
  expect(members.filter((r) => t[`p_${r.id}`] === 'false').map((r) => r.name).sort()).toEqual([...SEED_002_ABSENT].sort());
  expect(t[`p_${id('Kenneth Andersson')}`]).toBe('true');
  const just = findInput(upprop, 'justerare');
  expect(just.label).toBe('Justerare');
  expect(just.isMultiSelect).toBe(true);
  expect(just.choices.map((c: any) => c.title)).toContain('Kenneth Andersson');
  expect((await stored()).value.status).toBe('pågår');

  // Bekräfta upprop with Kenneth Andersson as justerare.
  const confirm = findAction(upprop, 'Bekräfta upprop');
  // Pressed on the upprop card's message, which then is the meeting's live card, updated in place after typed changes.
  const confirmed = await bot.press(maria, conv, confirm.verb, { ...confirm.data, ...t, justerare: id('Kenneth Andersson') }, { replyToId: 'live-card' });
  const shown = () => bot.connector.sent.filter((s) => s.id === 'live-card').pop()!.activity.attachments[0].content;
  expect(confirmed.texts.join('\n')).toContain('14 närvarande, 7 frånvarande');
  expect(confirmed.texts.join('\n')).toContain('Justerare: Kenneth Andersson');
  expect(cardText(confirmed.card)).toContain('§ 42. Godkännande av föredragningslistan och upprop');

  // § 42 and § 43 are written as the protocol phrases them.
  expect((await bot.say(maria, conv, 'utfall §42: Föredragningslistan godkändes.')).texts[0]).toBe('§ 42: Föredragningslistan godkändes.');
  let card = (await bot.press(maria, conv, 'ärende.nästa', findAction(shown(), 'Nästa ärende').data, { replyToId: 'live-card' })).card;
  expect(cardText(card)).toContain('§ 43. Föregående protokoll');
  await bot.say(maria, conv, 'utfall §43: Föregående protokoll godkändes och lades till handlingarna.');
  card = (await bot.press(maria, conv, 'ärende.nästa', findAction(shown(), 'Nästa ärende').data)).card;

  // §§ 44–47: Godkände informationen, pressed on the item card; § 44 twice with one activity id.
  for (const para of [44, 45, 46, 47]) {
    expect(cardText(card)).toContain(`§ ${para}.`);
    expect(cardText(card)).toContain('Muntligt informationsärende');
    const press = findAction(card, 'Godkände informationen');
    const data = { ...press.data, anteckning: `Anteckning § ${para}`, beslut: '' };
    if (para === 44) {
      const before = (await stored()).version;
      const first = await bot.press(maria, conv, press.verb, data, { id: 'resent-44' });
      const second = await bot.press(maria, conv, press.verb, data, { id: 'resent-44' });
      expect(cardText(first.card)).toContain('Samråd vård och omsorg godkände informationen.');
      card = first.card;
      expect(second.status).toBe(200);
      expect((await stored()).version).toBe(before + 1);
      expect((await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`)).filter((a) => a.action === 'ärende.utfall' && a.summary.startsWith('§ 44'))).toHaveLength(1);
    } else {
      const r = await bot.press(maria, conv, press.verb, data);
      expect(cardText(r.card)).toContain('Samråd vård och omsorg godkände informationen.');
      card = r.card; // the answer replaces the pressed card
    }
    card = (await bot.press(maria, conv, 'ärende.nästa', findAction(card, 'Nästa ärende').data)).card;
  }

  // § 48: Beslut with the input prefilled from the förslag; the bilaga reads "48. …" in Teams (escaped at the dot, not before the digits).
  expect(cardText(card)).toContain('Beslutsärende');
  const bilaga = JSON.stringify(card).match(/"title":"Bilaga","value":"([^"]*)"/)?.[1];
  expect(bilaga).toBe('48\\\\. Layout Framtidsbild Nära vård 2030');
  const beslutInput = findInput(card, 'beslut');
  expect(beslutInput.label).toBe('Beslutstext (används av knappen Beslut)');
  expect(beslutInput.value).toBe('godkänna layout för Framtidsbild Nära vård 2030');
  expect(findInput(card, 'anteckning').label).toBe('Anteckning till protokollet');
  const b = findAction(card, 'Beslut');
  const decided = await bot.press(maria, conv, b.verb, { ...b.data, beslut: beslutInput.value, anteckning: 'Framtidsbilden har fått en ny layout.' });
  expect(cardText(decided.card)).toContain('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.');

  // §§ 49–51 and the next meeting by text.
  await bot.say(maria, conv, 'informationen §49');
  await bot.say(maria, conv, 'anteckning §50: Inga');
  const next = await bot.say(maria, conv, 'nästa möte Fredag 18 mars');
  expect(next.texts[0]).toBe('Nästa möte: Fredag 18 mars 2022.');
  const end = await bot.say(maria, conv, 'avsluta mötet');
  // Typed, it closes at once, and says which § has no outcome (§ 51 was not recorded in this replay).
  expect(end.texts[0]).toBe('Mötet är avslutat. § 51 saknar utfall. Nästa möte: Fredag 18 mars.');
  // The live card is now the closed summary: no outcome buttons, the next step instead.
  expect(findAction(shown(), 'Bordläggs')).toBeUndefined();
  expect(cardText(shown())).toContain('Nästa steg: tryck Skapa protokollutkast');

  const m = (await stored()).value;
  expect(m.status).toBe('avslutat');
  // Attendance: the 14 present and the 7 absent of the protocol, the tjänstepersoner present.
  for (const r of members) expect([r.name, m.attendance.present[r.id]]).toEqual([r.name, !SEED_002_ABSENT.includes(r.name)]);
  for (const n of ['Britta Edström', 'Katarina Lindahl', 'Maria Lind']) expect(m.attendance.present[id(n)]).toBe(true);
  expect(m.justerare).toEqual([id('Kenneth Andersson')]);
  // Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, served throughout.
  expect(m.service.find((p) => p.memberId === id('Kenneth Andersson'))?.replacing).toBe(id('Anna-Lena Danielsson'));
  expect(servedParagraphs(m, id('Kenneth Andersson'))).toBe('§§ 42–51');
  expect(servedParagraphs(m, id('Carin Nilsson'))).toBe('§§ 42–51');
  expect(servedParagraphs(m, id('Anna-Lena Danielsson'))).toBe('');
  // Kinds and föredragande untouched; outcomes as the protocol.
  const byPara = (p: number) => m.items.find((i) => i.paragraph === p)!;
  expect(byPara(44).kind).toBe('Muntligt informationsärende');
  expect(byPara(46).presenters).toBe('Ulla Åkerström och Helena Olsson Ruzin, Umeå kommun');
  expect(byPara(48).kind).toBe('Beslutsärende');
  expect(byPara(48).presenters).toBe('Britta Edström och Katarina Lindahl');
  const formulas = Object.fromEntries(m.items.map((i) => [i.paragraph, i.outcome?.formula]));
  expect(formulas).toEqual({
    42: 'Föredragningslistan godkändes.',
    43: 'Föregående protokoll godkändes och lades till handlingarna.',
    44: 'Samråd vård och omsorg godkände informationen.',
    45: 'Samråd vård och omsorg godkände informationen.',
    46: 'Samråd vård och omsorg godkände informationen.',
    47: 'Samråd vård och omsorg godkände informationen.',
    48: 'Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.',
    49: 'Samråd vård och omsorg godkände informationen.',
    50: undefined,
    51: undefined,
  });
  expect(byPara(48).outcome?.decision).toBe('godkänna layout för Framtidsbild Nära vård 2030');
  expect(byPara(48).note).toBe('Framtidsbilden har fått en ny layout.');
  expect(byPara(44).note).toBe('Anteckning § 44');
  expect(byPara(50).note).toBe('Inga');
  expect(m.nextMeeting).toBe('Fredag 18 mars');
  expect(m.nextMeetingDate).toBe('2022-03-18');

  // Skapa protokollutkast on the closed meeting's card: seed 002's list, and "52. Nästa möte" with the year.
  const create = findAction(end.cards[0], 'Skapa protokollutkast');
  await bot.press(maria, conv, create.verb, create.data);
  const md = (await stored()).value.protocol[0].markdown;
  expect(md).toContain('- Carin Nilsson (s) Umeå kommun, ordförande\n- Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, tillika justerare\n');
  expect(md).toContain('Ärenden: 42-51');
  expect(md).toContain('## § 52. Nästa möte\n\nFredag 18 mars 2022\n');
});
