import { TestBot, groupChat, person, cardText, findAction } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';

/**
 * Replays seed 000 (Välfärdsrådet, 23 oktober 2019, minnesanteckningar) through /api/messages: a råd
 * whose members represent the 16 organisations of Dalarna (no party), Borlänge and Hedemora with no
 * representative named yet. The notes come out in seed 000's form: "1." without §, outcomes as plain
 * sentences, uppdrag in prose, presence per organisation.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2019-10-23T12:05:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const tanja = person('Tanja Mårtensson');
const conv = groupChat('valfardsradet');

const ORGANISATIONS = ['Avesta', 'Borlänge', 'Falun', 'Gagnef', 'Hedemora', 'Leksand', 'Ludvika', 'Malung-Sälen', 'Mora', 'Orsa', 'Rättvik', 'Smedjebacken', 'Säter', 'Vansbro', 'Älvdalen', 'Region Dalarna'];
const REPRESENTATIVES = [
  'Annica Nilsson, Avesta kommun',
  'Erik Lund, Falun kommun, ordförande',
  'Karin Berg, Gagnef kommun',
  'Carin Fredlin, Leksand kommun',
  'Lena Holm, Ludvika kommun',
  'Per Ek, Malung-Sälen kommun',
  'Sara Lind, Mora kommun',
  'Olle Dahl, Orsa kommun',
  'Maja Sten, Rättvik kommun',
  'Nils Ås, Smedjebacken kommun',
  'Eva Björk, Säter kommun',
  'Jan Frost, Vansbro kommun',
  'Anna Myr, Älvdalen kommun',
  'Mona Westman, Region Dalarna',
];

const AGENDA = `Datum: 2019-10-23 kl. 13.00-16.00
Plats: Region Dalarna, Falun
1. Presentation
2. Föregående minnesanteckningar Välfärdsrådet 190828
3. Kalendarium Välfärdsrådets möten 2020
4. Arbetet med strategi för god och nära vård i Dalarna
5. En samlad ungdomshälsa. Information från pilotprojekten i Borlänge och Leksand
6. Avdelningen Hälsa och välfärd rapporterar
7. Information
8. Övriga frågor`;

test('seed 000: a råd with organisation representatives gets minnesanteckningar in seed 000\'s form', async () => {
  const created = await bot.say(tanja, conv, `nytt organ Välfärdsrådet\nProfil: minnesanteckningar\nOrganisationer: ${ORGANISATIONS.join(', ')}`);
  expect(created.texts.join('\n')).not.toMatch(/kunde inte|Okänd/);

  // Representatives without party are read as members of their organisation, not refused.
  const roster = await bot.say(tanja, conv, `ledamöter\n${REPRESENTATIVES.join('\n')}\nTjänstepersoner:\nTanja Mårtensson, avdelningschef, sekreterare\nAnnica Lusth, utredare Region Dalarna`);
  expect(roster.texts.join('\n')).not.toContain('saknar parti');
  const body = (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.value;
  const annica = body.roster.find((r) => r.name === 'Annica Nilsson')!;
  expect(annica).toMatchObject({ role: 'ledamot', organisation: 'Avesta kommun' });
  expect(annica.party).toBeUndefined();
  expect(body.roster.find((r) => r.name === 'Erik Lund')!.role).toBe('ordförande');

  // The organ card names only the organisations without a representative.
  const organ = await bot.say(tanja, conv, 'organ');
  expect(cardText(organ.cards[0])).toContain('Det saknas fortfarande ledamöter från Borlänge och Hedemora.');

  await bot.say(tanja, conv, `nytt möte\n${AGENDA}`);
  const start = await bot.say(tanja, conv, 'starta mötet');
  const upprop = start.cards[0];
  expect(cardText(upprop)).toContain('Annica Nilsson, Avesta kommun');
  const confirm = findAction(upprop, 'Bekräfta upprop');
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
  const confirmed = await bot.press(tanja, conv, confirm.verb, { ...confirm.data, ...present, justerare: '' });
  const summary = confirmed.texts.join('\n');
  expect(summary).toContain('14 närvarande, 0 frånvarande');
  expect(summary).toContain('Närvarande från 14 av 16 organisationer.');
  expect(summary).toContain('Det saknas fortfarande uppgifter om representanter från Borlänge och Hedemora.');

  for (const line of [
    'anteckning §1: Närvarande på mötet, bilaga 1.',
    'utfall §2: Inga synpunkter lämnades.',
    'utfall §3: Kalendariet fastställdes.',
    'anteckning §4: Annica Lusth, utredare Region Dalarna, lämnade en uppdatering av arbetet, PP-bilder bilaga 2.',
    'uppdrag Annica Lusth §4: Undersöka om strategidagen kan spelas in',
    'anteckning §5: Tomas Ahlin, Carin Fredlin och Mona Westman redovisar de pågående pilotprojekten, PP-bilder bilaga 3.',
    'anteckning §6: Tanja Mårtensson redogjorde för utvecklingsarbetet på avdelningen.',
    'anteckning §7: Bilagor med information var utsända.',
    'fråga Falun §8: Förtydligande om särskild utskrivning från slutenvård till korttidsplatser (SUS)',
    'uppdrag Tanja Mårtensson §8: Ta frågan om SUS vidare',
  ]) {
    const r = await bot.say(tanja, conv, line);
    expect([line, r.texts.join(' ')]).not.toEqual([line, expect.stringMatching(/Skriv till exempel|kan inte|finns inte/)]);
  }
  const closed = await bot.say(tanja, conv, 'avsluta mötet');
  const button = findAction(closed.cards[0], 'Skapa minnesanteckningar');
  const made = await bot.press(tanja, conv, button.verb, button.data);
  expect(made.status).toBe(200);

  const meeting = (await bot.services.meetings.listForBody(body.id))[0];
  const md = meeting.protocol[0].markdown;
  if (process.env.SHOW_MD) console.log(md);
  expect(md.startsWith('# Minnesanteckningar Välfärdsrådet')).toBe(true);
  // Points numbered "1." … "8." without §, no "Beslut" heading, outcomes as plain sentences.
  for (const [n, title] of [[1, 'Presentation'], [3, 'Kalendarium Välfärdsrådets möten 2020'], [8, 'Övriga frågor']]) expect(md).toContain(`## ${n}. ${title}\n`);
  expect(md).not.toContain('§');
  expect(md).not.toContain('**Beslut**');
  expect(md).toContain('## 2. Föregående minnesanteckningar Välfärdsrådet 190828\n\nInga synpunkter lämnades.\n');
  expect(md).toContain('## 3. Kalendarium Välfärdsrådets möten 2020\n\nKalendariet fastställdes.\n');
  expect(md).toContain('Annica Lusth skulle undersöka om strategidagen kan spelas in.');
  expect(md).toContain('Fråga från Falun: Förtydligande om särskild utskrivning från slutenvård till korttidsplatser (SUS)\n\nTanja Mårtensson skulle ta frågan om SUS vidare.');
  expect(md).not.toContain('Ärenden:');
  // Presence per organisation, the missing ones computed from the roster.
  expect(md).toContain('- Annica Nilsson, Avesta kommun\n');
  expect(md).toContain('Närvarande från 14 av 16 organisationer.');
  expect(md).toContain('Det saknas fortfarande uppgifter om representanter från Borlänge och Hedemora.');
  // No justering in minnesanteckningar.
  expect(md).not.toMatch(/Justera|Utses att justera|Underskrifter/);
});
