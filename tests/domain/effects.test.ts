import { effectKey, meetingEffects } from '../../src/domain/effects';
import { emptyItem, newMeeting, type Meeting, type Outcome } from '../../src/domain/meeting';

/** What a meeting change causes, read from the meeting before and after it (issue 15). */
const base: Meeting = newMeeting({
  id: 'm1',
  bodyId: 'b1',
  start: '2021-12-17T09:00',
  status: 'planerat',
  items: [emptyItem({ id: 'i1', paragraph: 42, title: 'Upprop', standard: 'upprop' }), emptyItem({ id: 'i2', paragraph: 43, title: 'Budget 2022' })],
  createdBy: '',
  createdAt: '',
});
const outcome = (kind: Outcome['kind'], at: string): Outcome => ({ kind, formula: 'Nämnden bordlade ärendet.', recordedBy: 'x', recordedAt: at });
const withItem = (m: Meeting, index: number, change: Partial<Meeting['items'][number]>): Meeting => ({ ...m, items: m.items.map((it, i) => (i === index ? { ...it, ...change } : it)) });
const kinds = (before: Meeting | undefined, after: Meeting) => meetingEffects(before, after).map(effectKey);

test('no change, no effect; a meeting stored whole (created) causes none, whatever it holds', () => {
  expect(meetingEffects(base, base)).toEqual([]);
  expect(meetingEffects(undefined, { ...withItem(base, 1, { outcome: outcome('bordläggs', 't1') }), status: 'kallat' })).toEqual([]);
});

test('the kallelse is posted when the meeting becomes kallat, once', () => {
  const kallat = { ...base, status: 'kallat' as const };
  expect(kinds(base, kallat)).toEqual(['kallelse.skicka|m1']);
  expect(kinds(kallat, { ...kallat, rsvps: {} })).toEqual([]);
});

test('an outcome on a non-standard item is its case; a replaced outcome is a new effect, standard items have none', () => {
  const bordlagd = withItem(withItem(base, 1, { outcome: outcome('bordläggs', 't1') }), 0, { outcome: outcome('noterat', 't1') });
  const [e] = meetingEffects(base, bordlagd);
  expect(meetingEffects(base, bordlagd)).toHaveLength(1);
  expect(e).toMatchObject({ kind: 'ärendelogg.utfall', bodyId: 'b1', meetingId: 'm1', item: { id: 'i2', paragraph: 43, title: 'Budget 2022' }, outcome: { kind: 'bordläggs' } });
  expect(kinds(bordlagd, bordlagd)).toEqual([]);
  expect(kinds(bordlagd, withItem(bordlagd, 1, { outcome: outcome('beslut', 't2') }))).toEqual(['ärendelogg.utfall|m1|i2|beslut|t2']);
});

test('each new uppdrag, övrig fråga and ersättare call, by its place in its list', () => {
  const one = withItem(base, 1, { assignments: [{ ownerName: 'Anna', text: 'Utred' }], questions: [{ askedBy: 'Säter', text: 'Hur?' }] });
  expect(kinds(base, one)).toEqual(['ärendelogg.uppdrag|m1|i2|0', 'ärendelogg.fråga|m1|i2|0']);
  const two = withItem(one, 1, { assignments: [...one.items[1].assignments, { ownerName: 'Olle', text: 'Svara' }] });
  expect(kinds(one, two)).toEqual(['ärendelogg.uppdrag|m1|i2|1']);
  const called = { ...two, substitutes: [{ forMemberId: 'r1', askedMemberId: 'r4', at: 't' }] };
  expect(kinds(two, called)).toEqual(['ersättare.förfrågan|m1|0']);
  // A call withdrawn in the same change asks no one.
  expect(kinds(two, { ...two, substitutes: [{ forMemberId: 'r1', askedMemberId: 'r4', at: 't', cancelledAt: 't' }] })).toEqual([]);
});

test('the protocol: a version sent for justering, justerad by all, and each change request, once each', () => {
  const v1 = { version: 1, createdAt: 't', markdown: '', contentHash: 'h', approvals: [], changeRequests: [] };
  const draft: Meeting = { ...base, status: 'protokollutkast', protocol: [v1] };
  const sent: Meeting = { ...draft, status: 'under justering', protocol: [{ ...v1, sentAt: 't1' }] };
  expect(kinds(draft, sent)).toEqual(['protokoll.justering|m1|v1']);
  const asked: Meeting = { ...sent, protocol: [{ ...sent.protocol[0], changeRequests: [{ memberId: 'r2', comment: 'Fel i § 43', at: 't2' }] }] };
  expect(kinds(sent, asked)).toEqual(['protokoll.ändringsbegäran|m1|v1|0']);
  const locked: Meeting = { ...asked, status: 'justerat', protocol: [{ ...asked.protocol[0], lockedAt: 't3' }] };
  expect(kinds(asked, locked)).toEqual(['protokoll.justerat|m1|v1']);
  expect(kinds(locked, locked)).toEqual([]);
});
