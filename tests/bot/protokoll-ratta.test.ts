import { TestBot, groupChat, cardText, findAction, findInput } from '../support/bot';
import { kommunallagen, maria } from '../support/protocol-fixtures';
import type { Meeting } from '../../src/domain/meeting';

/** Rätta en paragraf: any part of a §, starting from its current text, each correction a new version. */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2021-12-17T16:00:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

test('votes, tjänstgöring, uppdrag and reservations are corrected from their current text; a bad line changes nothing', async () => {
  const conv = groupChat('ratta');
  const { body, meeting } = await kommunallagen(bot.services, conv);
  const stored = async (): Promise<Meeting> => (await bot.services.meetings.get(body.id, meeting.id))!.value;
  const draft = (await bot.say(maria, conv, 'protokoll')).cards[0];
  // The card offers every part of a §.
  expect(findInput(draft, 'field').choices.map((c: any) => c.value)).toEqual(['anteckning', 'beslut', 'närvaro', 'votering', 'uppdrag', 'reservationer']);
  const show = findAction(draft, 'Visa texten att rätta');

  const open = async (paragraph: number, field: string) => (await bot.press(maria, conv, show.verb, { ...show.data, paragraph: String(paragraph), field })).card;
  const save = async (form: any, text: string) => {
    const a = findAction(form, 'Spara som ny version');
    return bot.press(maria, conv, a.verb, { ...a.data, text });
  };

  // Votes: the form starts from the recorded vote.
  let form = await open(2, 'votering');
  expect(cardText(form)).toContain('§ 2. Taxa för hemtjänst 2022');
  const votes = findInput(form, 'text').value;
  expect(votes).toBe('Ja för bifall till förslaget, nej för avslag: ja: Carin Nilsson, Henric Jakobsson, Ingrid Nygren; nej: Eva Stuge, Lars Bäckström');
  let r = await save(form, votes.replace('ja: Carin Nilsson, Henric Jakobsson, Ingrid Nygren; nej: Eva Stuge, Lars Bäckström', 'ja: Carin Nilsson, Henric Jakobsson, Ingrid Nygren; nej: Eva Stuge; avstår: Lars Bäckström'));
  expect(cardText(r.card)).toContain('§ 2 är rättad. Version 2 är skapad.');
  let m = await stored();
  expect(m.items[1].votes[0]).toMatchObject({ ja: 3, nej: 1, avstar: 1, result: 'ja' });
  expect(m.protocol[1].markdown).toContain('| Lars Bäckström (c) | avstår |');

  // Tjänstgöring on § 3: Kenneth Andersson served there for Lars Bäckström.
  form = await open(3, 'närvaro');
  expect(findInput(form, 'text').value.split('\n')).toEqual(['Carin Nilsson', 'Eva Stuge', 'Lars Bäckström', 'Henric Jakobsson']);
  r = await save(form, 'Carin Nilsson\nEva Stuge\nKenneth Andersson, ersättare för Lars Bäckström\nHenric Jakobsson');
  m = await stored();
  expect(m.protocol).toHaveLength(3);
  expect(m.protocol[2].markdown).toContain('Kenneth Andersson (s), ersättare för Lars Bäckström, § 3');
  expect(m.protocol[2].markdown).toContain('Lars Bäckström (c), §§ 1–2');

  // Uppdrag and reservations from nothing and from the recorded text.
  r = await save(await open(2, 'uppdrag'), 'Isaiah Langer: Ta fram en konsekvensanalys (senast 2022-02-01)');
  form = await open(2, 'reservationer');
  expect(findInput(form, 'text').value).toBe('Eva Stuge: Taxan slår hårt mot dem med låga inkomster.');
  r = await save(form, 'Eva Stuge: Taxan slår hårt mot låga inkomster.\nLars Bäckström');
  m = await stored();
  expect(m.protocol).toHaveLength(5);
  const md = m.protocol[4].markdown;
  expect(md).toContain('Isaiah Langer: Ta fram en konsekvensanalys (senast 2022-02-01)');
  expect(md).toContain('Eva Stuge (m) reserverar sig mot beslutet: Taxan slår hårt mot låga inkomster.');
  expect(md).toContain('Lars Bäckström (c) reserverar sig mot beslutet.');

  // Someone who did not serve cannot be given a vote or a reservation: refused, no new version.
  const bad = await save(await open(3, 'reservationer'), 'Ingrid Nygren');
  expect(bad.message ?? bad.texts.join()).toContain('Ingrid Nygren deltog inte i beslutet i § 3');
  const badVote = await save(await open(2, 'votering'), 'ja: Carin Nilsson; nej: Kenneth Andersson');
  expect(badVote.message ?? badVote.texts.join()).toContain('Kenneth Andersson tjänstgjorde inte på § 2');
  expect((await stored()).protocol).toHaveLength(5);
});
