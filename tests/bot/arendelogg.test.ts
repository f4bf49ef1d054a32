import { TestBot, groupChat, person, personalChat, cardText, findAction } from '../support/bot';
import { makeBody } from '../support/case-fixtures';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import { runCaseReminders } from '../../src/bot/case-reminders';
import type { Case } from '../../src/domain/cases';

let bot: TestBot;
let now = new Date('2021-12-17T09:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const anna = person('Anna Berg');
const stranger = person('Okänd Person');

test('nytt ärende creates a case; ärendelogg lists it; the detail card works its actions', async () => {
  const conv = groupChat('log-1');
  const body = await makeBody(bot.services, conv, { secretary: maria, members: [anna] });
  const ex = await bot.say(maria, conv, 'nytt ärende Tillgänglighet i *hemtjänsten*\nÄgare: Anna Berg\nSenast: 2021-12-20\nUrsprung: skrivelse från Säter\nTaggar: Säter');
  expect(ex.texts.join()).toContain('Ärende 2021:1');
  const detail = ex.cards[0];
  expect(cardText(detail)).toContain('Tillgänglighet i \\*hemtjänsten\\*');
  expect(cardText(detail)).toContain('skrivelse – Säter');

  const log = await bot.say(anna, conv, 'ärendelogg');
  const card = log.cards[0];
  expect(card.version).toBe('1.5');
  expect(cardText(card)).toContain('Visar 1–1 av 1 öppna ärenden');
  expect(cardText(card)).toContain('Anna Berg');
  const open = card.actions.find((a: any) => a.type === 'Action.OpenUrl');
  expect(open.url).toMatch(new RegExp(`/tab/arendelogg\\?body=${body.id}&exp=\\d+&sig=`));

  const shown = await bot.press(anna, conv, 'ärende.visa', { caseId: '2021-00001' });
  expect(findAction(shown.card, 'Ta upp på nästa möte')).toBeTruthy();

  // A note by a member, then the secretary marks it for the next meeting and changes status.
  const note = await bot.press(anna, conv, 'ärende.anteckning', { caseId: '2021-00001', note: 'Säter har svarat.' });
  expect(cardText(note.card)).toContain('Säter har svarat.');
  const marked = await bot.press(maria, conv, 'ärende.nästa-möte', { caseId: '2021-00001', on: true });
  expect(cardText(marked.card)).toContain('Tas upp på nästa möte');
  const st = await bot.press(maria, conv, 'ärende.status', { caseId: '2021-00001', status: 'pågående' });
  expect(cardText(st.card)).toContain('Status ändrad från öppet till pågående');

  // A member may not change status.
  const refused = await bot.press(anna, conv, 'ärende.status', { caseId: '2021-00001', status: 'bordlagt' });
  expect(refused.message).toMatch(/Det här får bara sekreteraren/);

  // Closing without a note is refused and nothing changes.
  const before = (await bot.services.cases.withHistory(body.id, '2021-00001'))!;
  const noNote = await bot.press(maria, conv, 'ärende.avsluta', { caseId: '2021-00001', closingNote: '  ' });
  expect(noNote.message).toMatch(/avslutningsanteckning/);
  const after = (await bot.services.cases.withHistory(body.id, '2021-00001'))!;
  expect(after.history).toHaveLength(before.history.length);
  expect(after.loaded.value.status).toBe('pågående');

  const closed = await bot.press(maria, conv, 'ärende.avsluta', { caseId: '2021-00001', closingNote: 'Besvarat i brev 2021-12-16.' });
  expect(cardText(closed.card)).toContain('Besvarat i brev 2021-12-16.');
  expect(await bot.services.cases.listOpen(body.id)).toEqual([]);
});

test('a resent card action records once', async () => {
  const conv = groupChat('log-idem');
  const body = await makeBody(bot.services, conv, { secretary: maria });
  await bot.say(maria, conv, 'nytt ärende Resend');
  const act = bot.activity(maria, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'ärende.anteckning', data: { caseId: '2021-00001', note: 'En gång' } } } });
  await bot.post(act);
  await bot.post(act);
  const got = (await bot.services.cases.withHistory(body.id, '2021-00001'))!;
  expect(got.history.filter((h) => h.text === 'En gång')).toHaveLength(1);
  // The same nytt ärende message twice makes one case.
  const say = bot.activity(maria, conv, { type: 'message', text: 'nytt ärende Bara en gång' });
  await bot.post(say);
  await bot.post(say);
  expect((await bot.services.cases.listOpen(body.id)).filter((c) => c.title === 'Bara en gång')).toHaveLength(1);
});

test('a non-member is refused the ärendelogg and its verbs', async () => {
  const conv = groupChat('log-2');
  await makeBody(bot.services, conv, { secretary: maria, members: [anna] });
  await bot.say(maria, conv, 'nytt ärende Något');
  expect((await bot.say(stranger, conv, 'ärendelogg')).texts.join()).toMatch(/Det här får bara/);
  expect((await bot.press(stranger, conv, 'ärende.visa', { caseId: '2021-00001' })).message).toMatch(/Det här får bara/);
  expect((await bot.say(anna, conv, 'nytt ärende Får inte')).texts.join()).toMatch(/Det här får bara sekreteraren/);
  // Bad input is a Swedish message, not an error.
  expect((await bot.press(maria, conv, 'ärende.visa', { caseId: '<script>' })).message).toMatch(/Kortets uppgifter kunde inte läsas/);
  expect((await bot.say(maria, conv, 'nytt ärende X\nSenast: i morgon')).texts.join()).toMatch(/åååå-mm-dd/);
});

test('with 500 open cases the card stays under 26 KB, pages with Visa fler, and filters', async () => {
  const conv = groupChat('log-500');
  const body = await makeBody(bot.services, conv, { secretary: maria, members: [anna] });
  const cases: Case[] = Array.from({ length: 500 }, (_, i) => ({
    id: `2021-${String(i + 1).padStart(5, '0')}`,
    bodyId: body.id,
    number: `2021:${i + 1}`,
    title: `Ärende ${i + 1} ${'om tillgänglighet och bemanning i hemtjänsten '.repeat(5)}`.slice(0, 200),
    origin: { kind: 'direkt' },
    owner: i % 3 === 0 ? 'Anna Berg' : `Handläggare ${i % 40}`,
    status: i % 10 === 0 ? 'bordlagt' : 'pågående',
    due: i % 7 === 0 ? '2021-12-01' : '2022-06-30',
    tags: [`Organisation ${i % 30}`],
    attachments: [],
    nextMeeting: false,
    createdAt: '2021-01-01T00:00:00.000Z',
    lastActivityAt: new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString(),
  }));
  await bot.paragraf.repos.cases.bulkInsert(body.id, cases);

  // A case created after the bulk load continues the numbering.
  expect((await bot.say(maria, conv, 'nytt ärende Efter importen')).texts.join()).toContain('Ärende 2021:501');

  const first = (await bot.say(maria, conv, 'ärendelogg')).cards[0];
  expect(cardBytes(first)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  // Newest activity first.
  expect(cardText(first)).toMatch(/\*\*2021:501\*\*/);
  expect(cardText(first)).toContain('av 501 öppna ärenden');
  const more = findAction(first, 'Visa fler');
  expect(more).toBeTruthy();

  const second = await bot.press(maria, conv, 'ärendelogg.visa', more.data);
  expect(cardBytes(second.card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(cardText(second.card)).not.toMatch(/\*\*2021:500\*\*/);

  const overdue = await bot.press(maria, conv, 'ärendelogg.visa', { offset: 0, status: 'bordlagt', overdue: 'true', owner: '*', tag: '*' });
  const expected = cases.filter((c) => c.status === 'bordlagt' && c.due === '2021-12-01').length;
  expect(cardText(overdue.card)).toContain(`av ${expected} ärenden med status bordlagt`);
  expect(cardBytes(overdue.card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
});

test('mina uppdrag lists the person’s cases across bodies; reminders go out once, before and after the due date', async () => {
  const c1 = groupChat('mine-1');
  const c2 = groupChat('mine-2');
  await makeBody(bot.services, c1, { name: 'Samråd vård och omsorg', secretary: maria, members: [anna] });
  await makeBody(bot.services, c2, { name: 'Pensionärsrådet', secretary: maria, members: [anna] });
  now = new Date('2021-12-17T09:00:00Z');
  await bot.say(maria, c1, 'nytt ärende Rapport om väntetider\nÄgare: Anna Berg\nSenast: 2021-12-19');
  await bot.say(maria, c2, 'nytt ärende Remissvar färdtjänst\nÄgare: Anna Berg\nSenast: 2022-02-01');
  await bot.say(maria, c2, 'nytt ärende Inte Annas\nÄgare: Maria Lind');

  const mine = await bot.say(anna, personalChat(anna), 'mina uppdrag');
  const text = cardText(mine.cards[0]);
  expect(text).toContain('Rapport om väntetider');
  expect(text).toContain('Remissvar färdtjänst');
  expect(text).toContain('Pensionärsrådet');
  expect(text).not.toContain('Inte Annas');
  expect((await bot.say(anna, c1, 'mina uppdrag')).texts.join()).toMatch(/personliga chatt/);

  // Two days before the due date: one reminder, however often the job runs.
  expect(await runCaseReminders(bot.services, now)).toBe(1);
  await runCaseReminders(bot.services, now);
  await bot.services.outbox.pump();
  let got = bot.connector.to(personalChat(anna).id).map((s: any) => String(s.activity.text ?? ""));
  expect(got.filter((t) => t.includes('ska vara klart senast 2021-12-19'))).toHaveLength(1);

  // The day after: overdue, once.
  now = new Date('2021-12-20T09:00:00Z');
  // This time through the scheduler, as the running bot does every minute.
  expect(await bot.services.scheduler.runDue(now)).toContain('ärendelogg.påminnelser');
  await runCaseReminders(bot.services, now);
  await bot.services.outbox.pump();
  got = bot.connector.to(personalChat(anna).id).map((s: any) => String(s.activity.text ?? ""));
  expect(got.filter((t) => t.includes('skulle ha varit klart senast 2021-12-19'))).toHaveLength(1);
  expect(got.some((t) => t.includes('Remissvar'))).toBe(false);
});
