import { TestBot, groupChat, person } from '../support/bot';
import { makeBody, makeMeeting, item, saveMeeting } from '../support/case-fixtures';
import { caseForAssignment, caseForItem, caseForQuestion } from '../../src/bot/case-writes';
import { proposedItems } from '../../src/bot/agenda-proposals';
import type { Outcome } from '../../src/domain/meeting';

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

const outcome = (kind: Outcome['kind'], formula: string, decision?: string): Outcome => ({ kind, formula, decision, recordedBy: maria.aadObjectId, recordedAt: now.toISOString() });

test('an agenda item becomes a case whose history accumulates across three meetings', async () => {
  const s = bot.services;
  const body = await makeBody(s, groupChat('sources-1'), { secretary: maria, members: [anna] });

  // Meeting 1: the item appears and is bordlagt.
  now = new Date('2021-10-15T09:00:00Z');
  let m1 = await makeMeeting(s, body, '2021-10-15T09:00', [item(42, 'Tillgänglighet i hemtjänsten')]);
  const id = (await caseForItem(s, body, m1, m1.items[0]))!;
  // Stored documents come back frozen: the change is a new meeting, as the handlers make it.
  m1 = await saveMeeting(s, { ...m1, items: [{ ...m1.items[0], caseId: id, outcome: outcome('bordläggs', 'Samråd vård och omsorg bordlade ärendet.') }] });
  expect(await caseForItem(s, body, m1, m1.items[0])).toBe(id);
  expect((await s.cases.get(body.id, id))!.value.status).toBe('bordlagt');

  // A bordlagt case is proposed for the next föredragningslista.
  expect(await proposedItems(s, body.id)).toEqual([{ caseId: id, title: 'Tillgänglighet i hemtjänsten', reason: 'bordlagt' }]);

  // Meeting 2: taken up again, återremitteras.
  now = new Date('2021-11-19T09:00:00Z');
  const m2 = await makeMeeting(s, body, '2021-11-19T09:00', [item(51, 'Tillgänglighet i hemtjänsten', { caseId: id, outcome: outcome('återremitteras', 'Samråd vård och omsorg återremitterade ärendet.') })]);
  expect(await caseForItem(s, body, m2, m2.items[0])).toBe(id);
  expect((await proposedItems(s, body.id)).map((p) => p.reason)).toEqual(['återremitterat']);

  // Meeting 3: decided, which closes the case with the decision as closing note.
  now = new Date('2021-12-17T09:00:00Z');
  const m3 = await makeMeeting(s, body, '2021-12-17T09:00', [item(7, 'Tillgänglighet i hemtjänsten', { caseId: id, outcome: outcome('beslut', 'Samråd vård och omsorg beslutade', 'att anta handlingsplanen.') })]);
  await caseForItem(s, body, m3, m3.items[0]);
  // The same call again (a replay) records nothing more.
  await caseForItem(s, body, m3, m3.items[0]);

  const got = (await s.cases.withHistory(body.id, id))!;
  expect(got.loaded.value.status).toBe('avslutat');
  expect(got.loaded.value.closingNote).toBe('att anta handlingsplanen.');
  const meetings = new Set(got.history.map((h) => h.meetingId).filter(Boolean));
  expect(meetings).toEqual(new Set([m1.id, m2.id, m3.id]));
  const texts = got.history.map((h) => h.text);
  expect(texts[0]).toContain('fredag 15 oktober 2021 § 42');
  expect(texts.some((t) => t.includes('Togs upp på mötet fredag 19 november 2021 § 51'))).toBe(true);
  expect(texts.some((t) => t.includes('Status ändrad från bordlagt till återremitterat'))).toBe(true);
  expect(texts.filter((t) => t.includes('§ 7: Samråd vård och omsorg beslutade'))).toHaveLength(1);
  expect((await bot.paragraf.repos.cases.docs.readVerified({ partition: body.id, id })).problems).toEqual([]);
  expect(await proposedItems(s, body.id)).toEqual([]);
});

test('uppdrag and övriga frågor become cases, once each, with owner and origin', async () => {
  const s = bot.services;
  const body = await makeBody(s, groupChat('sources-2'), { secretary: maria, members: [anna] });
  const it = item(49, 'Övriga frågor', { kind: undefined });
  it.assignments.push({ ownerName: 'Anna Berg', ownerMemberId: 'r1', text: 'Ta fram en rapport om väntetider', due: '2022-01-31' });
  it.questions.push({ askedBy: 'Säter', text: 'Hur går det med bemanningen i nattpatrullen?' });
  const m = await makeMeeting(s, body, '2021-12-17T09:00', [it]);
  const a1 = await caseForAssignment(s, body, m, m.items[0], m.items[0].assignments[0], 0);
  const a2 = await caseForAssignment(s, body, m, m.items[0], m.items[0].assignments[0], 0);
  expect(a2).toBe(a1);
  const q1 = await caseForQuestion(s, body, m, m.items[0], m.items[0].questions[0], 0);
  expect(await caseForQuestion(s, body, m, m.items[0], m.items[0].questions[0], 0)).toBe(q1);
  expect(q1).not.toBe(a1);

  const uppdrag = (await s.cases.get(body.id, a1))!.value;
  expect(uppdrag).toMatchObject({ origin: { kind: 'uppdrag', meetingId: m.id, paragraph: 49 }, owner: 'Anna Berg', ownerAad: anna.aadObjectId, due: '2022-01-31', number: '2021:1' });
  const fraga = (await s.cases.get(body.id, q1))!.value;
  expect(fraga).toMatchObject({ origin: { kind: 'övrig fråga', raisedBy: 'Säter', paragraph: 49 }, tags: ['Säter'], number: '2021:2' });
  expect((await s.cases.listOpen(body.id)).map((c) => c.id).sort()).toEqual([a1, q1].sort());
  // The owner's index points at the uppdrag.
  expect((await s.cases.ownedBy(anna.aadObjectId)).map((c) => c.id)).toEqual([a1]);
});

test('numbering per body and year holds under concurrent creation', async () => {
  const s = bot.services;
  const body = await makeBody(s, groupChat('sources-3'), { secretary: maria });
  now = new Date('2022-02-01T09:00:00Z');
  const made = await Promise.all(
    Array.from({ length: 12 }, (_, i) => s.cases.create(body.id, { title: `Fråga ${i}`, origin: { kind: 'direkt' }, tags: [] }, { id: maria.aadObjectId, name: maria.name }, now, `conc|${i}`)),
  );
  expect(made.map((m) => m.value.number).sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]))).toEqual(Array.from({ length: 12 }, (_, i) => `2022:${i + 1}`));
});
