import { TestBot, groupChat, personalChat, cardText, type Conversation, type Person } from '../support/bot';
import { cast, setUpCastBody, type Cast } from '../support/meeting-fixture';
import { publicOutputs } from '../support/public-outputs';
import { runDueReminders } from '../../src/bot/reminders';
import type { Meeting } from '../../src/domain/meeting';

/**
 * The leak test (issue 19): a secret string in every field a § has — title, föredragande, bilaga,
 * förslag, account, yrkande, votering, reservation, protokollsanteckning, uppdrag, övrig fråga,
 * decision, a covered person's name — played through /api/messages from the föredragningslista to
 * a justerat protocol. The strings stand in the complete protocol (so the test bites) and nowhere
 * in the public Markdown, DOCX or PDF, nor in anything the bot sent outside the body's own
 * conversation (kallelse reminders, the ersättare's question, the justerare's cards …).
 */

const WHOLE = 'HEMLIGTETT'; // § 2: the whole § covered
const TEXT = 'HEMLIGTTVA'; // § 3: account and decision covered, the title public
const PERSON = 'Hemlig Hemligsson'; // § 4: a named person covered
const PUBLIC_TITLE = 'Ansökan om bistånd enligt socialtjänstlagen';

let bot: TestBot;
let now = new Date('2030-12-01T09:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const conv = groupChat('sekretess-leak');
const c: Cast = cast(4, '');
const secretary = c.secretary;

function ok(texts: string[], what: string): void {
  if (texts.some((t) => /Kunde inte|kunde inte läsas|får bara|Jag förstod inte|Skriv till exempel|Inget har ändrats|finns inte/.test(t))) throw new Error(`${what}: ${texts.join(' | ')}`);
}

async function say(who: Person, text: string, where: Conversation = conv) {
  const r = await bot.say(who, where, text);
  ok(r.texts, text);
  return r;
}

const leaks = (text: string) => [WHOLE, TEXT, PERSON, 'Hemligsson', 'Hemlig '].filter((s) => text.includes(s));

test('a secret in every field of a covered § reaches the complete protocol only: not the public Markdown, DOCX, PDF, nor any card outside the body', async () => {
  const bodyId = await setUpCastBody(bot, conv, c, 'Socialnämnden', ok);
  const [l1, l2, l3, l4] = c.ledamoter;
  const agenda = [
    'nytt möte',
    'Datum: 2030-12-17 09.00-12.00',
    'Plats: Kommunhuset',
    '1. Uppföljning av beslut',
    'Informationsärende',
    `2. Placering av ${WHOLE}`,
    'Beslutsärende',
    `Föredragande: Handläggare ${WHOLE}`,
    `Bilaga 2. Utredning ${WHOLE}`,
    `Förslag till beslut: Placering av ${WHOLE} beviljas.`,
    `- Bakgrund om ${WHOLE}`,
    `3. ${PUBLIC_TITLE}`,
    'Beslutsärende',
    `Bilaga 3. Utredning ${TEXT}`,
    `Förslag till beslut: Bistånd beviljas ${TEXT}.`,
    `- Utredningen visar ${TEXT}`,
    `4. Tillsyn i ärendet om ${PERSON}`,
    'Beslutsärende',
    `Förslag till beslut: Ärendet om ${PERSON} avslutas.`,
    `- ${PERSON} har hörts; Hemlig svarade skriftligt.`,
  ].join('\n');
  await say(secretary, agenda);
  const meetingId = (await bot.services.meetings.current(bodyId))!.id;
  const stored = async (): Promise<Meeting> => (await bot.services.meetings.get(bodyId, meetingId))!.value;

  // Marked on the agenda, before the kallelse: each kind of marking, with its provision.
  expect((await say(secretary, 'sekretess §2 26 kap. 1 § OSL')).texts.join()).toContain('§ 2 omfattas av sekretess enligt 26 kap. 1 § OSL (hela paragrafen)');
  expect((await say(secretary, 'sekretess §3 beslut 26 kap. 1 § OSL')).texts.join()).toContain('§ 3 omfattas av sekretess enligt 26 kap. 1 § OSL');
  expect((await say(secretary, `sekretess §4 person ${PERSON}: 26 kap. 1 § OSL`)).texts.join()).toContain(`${PERSON} som "den enskilde"`);
  expect((await stored()).items.map((i) => i.sekretess?.scope ?? (i.sekretess ? 'personer' : '-'))).toEqual(['-', 'paragraf', 'text', 'personer']);

  const sent = await bot.press(secretary, conv, 'kallelse.skicka', { meetingId });
  ok([sent.message ?? ''], 'kallelse.skicka');
  // The kallelse everyone in the chat sees: the title and "Sekretess", no förslag, no bilaga.
  await bot.drain();
  const posted = bot.connector.to(conv.id).map((x) => x.activity.attachments?.[0]?.content).find((x) => x && cardText(x).startsWith('Kallelse'));
  expect(posted).toBeDefined();
  const kallelse = cardText(posted);
  expect(kallelse).toContain(`§ 2 Placering av ${WHOLE}`);
  expect(kallelse).toContain('Sekretess');
  expect(kallelse).not.toContain(`Placering av ${WHOLE} beviljas`);
  expect(kallelse).not.toContain(`Utredning ${WHOLE}`);
  expect(kallelse).not.toContain(TEXT);
  // A member's own view (the refresh) links the handlingar.
  const own = await bot.press(l1, conv, 'kallelse.visa', { bodyId, meetingId });
  expect(cardText(own.card)).toContain(`Utredning ${WHOLE}`);
  const stranger = await bot.press({ name: 'Utomstående Person', aadObjectId: 'aad-utomstaende' }, conv, 'kallelse.visa', { bodyId, meetingId });
  expect(JSON.stringify(stranger.card ?? {})).not.toContain(`Utredning ${WHOLE}`);

  // A ledamot cannot come: the first ersättare is asked in a personal chat; a reminder goes to those who have not answered.
  await bot.press(l1, conv, 'kallelse.svara', { bodyId, meetingId, answer: 'förhinder' });
  now = new Date('2030-12-15T09:00:00Z');
  await runDueReminders(bot.services, now);
  await bot.drain();
  expect(bot.personalCards(l2).map(cardText).join()).toContain('Påminnelse om kallelse');

  // The meeting, with the secret in every record of the covered §§.
  now = new Date('2030-12-17T08:05:00Z');
  await say(secretary, 'starta mötet');
  const m0 = await stored();
  const body = (await bot.services.bodies.get(bodyId))!.value;
  const id = (p: Person) => body.roster.find((r) => r.name === p.name)!.id;
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, String(r.name !== l1.name)]));
  const up = await bot.press(secretary, conv, 'upprop.bekräfta', { meetingId: m0.id, ...present, justerare: id(l2) });
  ok([up.message ?? ''], 'upprop');
  await say(secretary, 'informationen §1');
  const proposals: Record<number, string> = { 2: `Placering av ${WHOLE} beviljas.`, 3: `Bistånd beviljas ${TEXT}.`, 4: `Ärendet om ${PERSON} avslutas.` };
  for (const [p, s] of [[2, WHOLE], [3, TEXT], [4, PERSON]] as const) {
    await say(secretary, `anteckning §${p}: Anteckning om ${s}`);
    await say(secretary, `yrkande ${l2.name} §${p}: avslag för ${s}`);
    await say(secretary, `votering §${p} ja: ${c.chair.name}, ${l2.name}, ${l4.name}, ${c.ersattare[0].name}; nej: ${l3.name}`);
    await say(secretary, `beslut §${p}: ${proposals[p]}`);
    await say(secretary, `reservation ${l3.name} §${p}: Jag reserverar mig för ${s}`);
    await say(secretary, `protokollsanteckning ${l2.name} §${p}: Noterar ${s}`);
    await say(secretary, `uppdrag ${c.tjansteperson.name} §${p}: Följ upp ${s} senast 2031-01-31`);
    await say(secretary, `fråga Umeå kommun §${p}: Hur går det för ${s}?`);
  }
  await say(secretary, 'avsluta mötet');
  const draft = await say(secretary, 'protokoll');
  if (!(await stored()).protocol.length) throw new Error(`protokoll: ${draft.texts.join(' | ')} ${draft.cards.map(cardText).join(' | ')}`);
  const ids = { bodyId, meetingId };
  ok([(await bot.press(secretary, conv, 'protokoll.skicka', ids)).message ?? ''], 'skicka');
  now = new Date('2030-12-18T09:00:00Z');
  for (const p of [l2, c.chair]) ok([(await bot.press(p, personalChat(p), 'protokoll.justera', { ...ids, version: 1 })).message ?? ''], 'justera');
  await bot.drain();
  const locked = (await stored()).protocol[0];
  expect(locked.lockedAt).toBeTruthy();

  // The complete protocol holds every secret, and says under each heading which §§ are covered.
  for (const s of [WHOLE, TEXT, PERSON]) expect(locked.markdown).toContain(s);
  expect(locked.markdown).toContain('**Sekretess enligt 26 kap. 1 § OSL.**');
  // Both versions were fixed and hashed together at locking.
  expect(locked.public?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(locked.public?.pdfHash).toMatch(/^[0-9a-f]{64}$/);

  // The public version, without sign-in: no secret in any form.
  const out = await publicOutputs(bot.paragraf.url, bodyId, meetingId, 1);
  expect([out.md.status, out.docx.status, out.pdf.status]).toEqual([200, 200, 200]);
  const publicMd = out.md.text;
  const docx = out.docx.text;
  const pdf = out.pdf.text;
  for (const [what, text] of [['md', publicMd], ['docx', docx], ['pdf', pdf]] as const) {
    expect({ what, leaks: leaks(text) }).toEqual({ what, leaks: [] });
    // What replaced them: the provision, the public title, the role.
    expect(text).toContain('Sekretess enligt 26 kap. 1 § OSL');
    expect(text).toContain(PUBLIC_TITLE);
    expect(text).toContain('den enskilde');
  }
  expect(publicMd).toContain('## § 2. Sekretess enligt 26 kap. 1 § OSL');
  expect(publicMd).toContain('## § 4. Tillsyn i ärendet om den enskilde');
  expect(publicMd).toContain(`Det fullständiga protokollets kontrollsumma (SHA-256): ${locked.contentHash}`);
  expect(publicMd).toContain(`Innehållets kontrollsumma (SHA-256): ${locked.public!.contentHash}`);

  // Nothing the bot sent outside the body's own conversation carries a secret.
  const outside = bot.connector.sent.filter((s) => s.conversationId !== conv.id);
  expect(outside.length).toBeGreaterThan(3);
  expect(outside.some((s) => s.conversationId === personalChat(c.ersattare[0]).id)).toBe(true);
  expect(outside.some((s) => s.conversationId === personalChat(l2).id && JSON.stringify(s.activity).includes('Justera'))).toBe(true);
  for (const s of outside) expect({ to: s.conversationId, leaks: leaks(JSON.stringify(s.activity)) }).toEqual({ to: s.conversationId, leaks: [] });
  // The ärendelogg's cases from the covered §§ carry only what may be shown outside the body.
  const cases = await bot.services.cases.listAll(bodyId);
  expect(cases.length).toBeGreaterThan(3);
  for (const k of cases) expect({ title: k.title, leaks: leaks(JSON.stringify(k)) }).toEqual({ title: k.title, leaks: [] });

  // The anslag goes up: the public anslagstavla and its feed show the notice, carry no secret, and
  // link to the public version, whose PDF is served without sign-in.
  ok([(await bot.press(secretary, conv, 'protokoll.anslå', { ...ids, date: '2030-12-18' })).message ?? ''], 'anslå');
  const board = await (await fetch(`${bot.paragraf.url}/anslagstavla`)).text();
  const atom = await (await fetch(`${bot.paragraf.url}/anslagstavla/feed`)).text();
  expect(board).toContain('Socialnämnden');
  expect(atom).toContain('Socialnämnden');
  for (const [what, text] of [['sidan', board], ['flödet', atom]] as const) expect({ what, leaks: leaks(text) }).toEqual({ what, leaks: [] });
  const pdfHref = board.match(/href="([^"]*\/anslagstavla\/protokoll\/[^"]*\.pdf)"/)?.[1];
  expect(pdfHref).toBeDefined();
  const linked = await fetch(new URL(pdfHref!.replace(/&amp;/g, '&'), bot.paragraf.url));
  expect(linked.status).toBe(200);
  expect(linked.headers.get('content-type')).toMatch(/application\/pdf/);
}, 120000);
