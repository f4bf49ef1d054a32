import { TestBot, groupChat, person } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';

// Real Teams puts a pasted message's line breaks in its text/html attachment; `text` can arrive as one
// run-on line. The lines must survive, or "nytt organ X⏎Profil: samverkan" names a body "X Profil: samverkan".
let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const maria = person('Maria Lind');
const AT = '<at>Paragraf</at>';
const mention = { type: 'mention', text: AT, mentioned: { id: '28:paragraf', name: 'Paragraf' } };

function htmlMessage(conv: ReturnType<typeof groupChat>, text: string, html: string) {
  return bot.activity(maria, conv, { type: 'message', text, entities: [mention], attachments: [{ contentType: 'text/html', content: html }] });
}

test('a body set up over several lines keeps its settings when only the HTML attachment has the breaks', async () => {
  const conv = groupChat('html-lines');
  const ex = await bot.post(
    htmlMessage(
      conv,
      `${AT} nytt organ Samråd vård och omsorg Profil: samverkan Diarieprefix: HSN`,
      `<p><at id="0">Paragraf</at>&nbsp;nytt organ Samråd vård och omsorg</p><p>Profil: samverkan</p><div>Diarieprefix: HSN</div>`,
    ),
  );
  expect(ex.status).toBe(200);
  const body = (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.value;
  expect(body.name).toBe('Samråd vård och omsorg');
  expect(body.profile).toBe('samverkan');
});

test('a roster pasted with <br> line breaks is read line by line', async () => {
  const conv = groupChat('html-roster');
  await bot.say(maria, conv, 'nytt organ Välfärdsrådet');
  const lines = ['Carin Nilsson (s) Umeå kommun, ordförande', 'Eva Stuge (m) Lycksele kommun', 'Maria Lind, sekreterare'];
  const ex = await bot.post(htmlMessage(conv, `${AT} ledamöter ${lines.join(' ')}`, `<p><at id="0">Paragraf</at> ledamöter<br>${lines.join('<br/>')}</p>`));
  expect(ex.status).toBe(200);
  const body = (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.value;
  expect(body.roster.map((r) => r.name)).toEqual(expect.arrayContaining(['Carin Nilsson', 'Eva Stuge', 'Maria Lind']));
});

test('a one-line message with an HTML attachment is read from text as before', async () => {
  const conv = groupChat('html-one');
  const ex = await bot.post(htmlMessage(conv, `${AT} hjälp`, `<p><at id="0">Paragraf</at> hjälp</p>`));
  expect(ex.cards).toHaveLength(1);
});
