import { TestBot, cardText, findAction, groupChat, person } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';
import { SEED_002_AGENDA, SEED_002_ROSTER } from '../domain/seed-002';

// Clients differ in how a typed message keeps its line breaks (the Agents Playground drops them), so
// every multi-line input has a card form whose submit runs the same code as the typed command.
let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const maria = person('Maria Lind');
const bodyOf = async (conv: ReturnType<typeof groupChat>) => (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))?.value;

test('a body name that swallowed its settings lines is refused, nothing is created, and the answer points to the form', async () => {
  const conv = groupChat('forms-swallowed');
  const ex = await bot.say(maria, conv, 'nytt organ Samråd vård och omsorgProfil: samverkanDiarieprefix: HSN');
  expect(ex.texts.join()).toMatch(/innehåller "Profil:".*Inget har sparats.*formuläret/s);
  expect(await bodyOf(conv)).toBeUndefined();
  // The same on the Namn: line of `organ`.
  await bot.say(maria, conv, 'nytt organ Välfärdsrådet');
  const renamed = await bot.say(maria, conv, 'organ\nNamn: Samråd Justering: 10 dagar');
  expect(renamed.texts.join()).toMatch(/innehåller "Justering:"/);
  expect((await bodyOf(conv))!.name).toBe('Välfärdsrådet');
});

test('an agenda or a roster that arrived on one line is refused with a pointer to its form, and nothing is saved', async () => {
  const conv = groupChat('forms-oneline');
  await bot.say(maria, conv, 'nytt organ Välfärdsrådet');
  const agenda = await bot.say(maria, conv, 'nytt möte Datum: 2027-01-10 09.00-12.00Plats: Teams1. Information');
  expect(agenda.texts.join()).toMatch(/"nytt möte" ska stå ensamt på första raden.*Inget har sparats. Använd formuläret Klistra in föredragningslistan/s);
  const roster = await bot.say(maria, conv, 'ledamöter Carin Nilsson (s) Umeå kommun, ordförandeEva Stuge (m) Lycksele kommun');
  expect(roster.texts.join()).toMatch(/Använd formuläret Klistra in ledamotslistan/);
  expect(await bot.services.meetings.listForBody(BodyRepo.idFor(conv.id))).toEqual([]);
  expect((await bodyOf(conv))!.roster).toEqual([]);
});

test('the help card and "nytt organ" alone open the body form; its submit creates the body with every setting', async () => {
  const conv = groupChat('forms-body');
  const help = await bot.say(maria, conv, 'hjälp');
  const open = findAction(help.cards[0], 'Nytt organ (formulär)');
  expect(open).toBeDefined();
  const opened = await bot.press(maria, conv, open.verb, open.data);
  expect(opened.message).toMatch(/Formuläret/);
  const form = opened.cards[0];
  expect(cardText(form)).toContain('Organisationer (en per rad)');
  expect(form.body.find((e: any) => e.id === 'organisationer').isMultiline).toBe(true);
  expect(cardText((await bot.say(maria, conv, 'nytt organ')).cards[0])).toContain('Skapa organet');

  const submit = findAction(form, 'Skapa organet');
  const ex = await bot.press(maria, conv, submit.verb, {
    ...submit.data,
    namn: 'Samråd vård och omsorg',
    profil: 'samverkan',
    diarieprefix: 'HSN',
    justering: '10',
    paminnelse: '3',
    organisationer: 'Umeå kommun\nRegion Västerbotten',
  });
  expect(cardText(ex.card)).toContain('Samråd vård och omsorg');
  expect(await bodyOf(conv)).toMatchObject({ name: 'Samråd vård och omsorg', profile: 'samverkan', diariePrefix: 'HSN', justeringDays: 10, reminderDays: 3, organisations: ['Umeå kommun', 'Region Västerbotten'] });
});

test('a bad value in the form is refused in Swedish and changes nothing', async () => {
  const conv = groupChat('forms-bad');
  const ex = await bot.press(maria, conv, 'formulär.nytt-organ', { namn: 'Rådet', profil: 'kommunallagen', justering: 'fjorton' });
  expect(ex.message).toMatch(/Justering ska vara ett antal dagar/);
  expect(await bodyOf(conv)).toBeUndefined();
});

test('from the body card: the settings form (prefilled), the roster form and the agenda form keep every line', async () => {
  const conv = groupChat('forms-card');
  const created = await bot.say(maria, conv, 'nytt organ Samråd vård och omsorg\nProfil: samverkan');
  const card = created.cards[0];

  const settings = await bot.press(maria, conv, 'formulär.visa', findAction(card, 'Ändra inställningar (formulär)').data);
  const form = settings.cards[0];
  expect(form.body.find((e: any) => e.id === 'profil').value).toBe('samverkan');
  const saved = await bot.press(maria, conv, 'formulär.organ', { namn: 'Samråd vård och omsorg', profil: 'samverkan', diarieprefix: 'HSN', justering: '14' });
  expect(cardText(saved.card)).toContain('HSN');
  expect((await bodyOf(conv))!.diariePrefix).toBe('HSN');

  const rosterForm = (await bot.press(maria, conv, 'formulär.visa', findAction(card, 'Klistra in ledamotslistan').data)).cards[0];
  expect(rosterForm.body.find((e: any) => e.id === 'text').isMultiline).toBe(true);
  const roster = await bot.press(maria, conv, findAction(rosterForm, 'Spara ledamotslistan').verb, { text: SEED_002_ROSTER });
  expect(roster.card).toBeDefined();
  expect((await bodyOf(conv))!.roster.length).toBeGreaterThan(5);

  const agendaForm = (await bot.press(maria, conv, 'formulär.visa', findAction(card, 'Klistra in föredragningslistan').data)).cards[0];
  const agenda = await bot.press(maria, conv, findAction(agendaForm, 'Skapa mötet').verb, { text: SEED_002_AGENDA.replace(/\n/g, '\r\n') });
  expect(cardText(agenda.card)).toContain('§ 44 Uppföljning beslut hos respektive huvudman');
});

test('the forms keep the rights of the typed commands: only the secretary changes settings', async () => {
  const conv = groupChat('forms-rights');
  await bot.say(maria, conv, 'nytt organ Välfärdsrådet');
  const ex = await bot.press(person('Eva Stuge'), conv, 'formulär.organ', { namn: 'Annat namn', profil: 'samverkan' });
  expect(ex.message).toMatch(/sekreteraren/);
  expect((await bodyOf(conv))!.name).toBe('Välfärdsrådet');
});

test('the help card lists the meeting commands, the forms and (locally) the demo, in the same two columns in every section', async () => {
  const help = (await bot.say(maria, groupChat('forms-help'), 'hjälp')).cards[0];
  const text = cardText(help);
  for (const c of ['utfall §42', 'yrkande Eva Stuge §48', 'bifall §48', 'beslut §48', 'bordlägg §46', 'återremiss §46', 'Namn:', 'agera som Megan Bowen', 'demo', 'behöver du inte @nämna Paragraf']) expect(text).toContain(c);
  for (const title of ['Nytt organ (formulär)', 'Klistra in ledamotslistan', 'Klistra in föredragningslistan']) expect(findAction(help, title)).toBeDefined();
  const rows = help.body.filter((e: any) => e.type === 'Container').flatMap((s: any) => s.items.filter((i: any) => i.type === 'ColumnSet'));
  expect(rows.length).toBeGreaterThan(25);
  expect(new Set(rows.map((r: any) => r.columns.map((c: any) => c.width).join('/')))).toEqual(new Set(['2/3']));
});
