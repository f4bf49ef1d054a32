import {
  addDays,
  changeStatus,
  filterCases,
  isOverdue,
  markNextMeeting,
  paginate,
  parseNewCase,
  proposals,
  reminderKind,
  type Case,
} from '../../src/domain/cases';
import { UserError } from '../../src/domain/errors';

const ch = { by: 'Maria Lind', byId: 'aad-maria', at: '2021-12-17T10:00:00.000Z' };

function mk(n: number, extra: Partial<Case> = {}): Case {
  return {
    id: `2021-${String(n).padStart(5, '0')}`,
    bodyId: 'b1',
    number: `2021:${n}`,
    title: `Ärende ${n}`,
    origin: { kind: 'direkt' },
    status: 'öppet',
    tags: [],
    attachments: [],
    nextMeeting: false,
    createdAt: '2021-01-01T00:00:00.000Z',
    lastActivityAt: `2021-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    ...extra,
  };
}

test('closing needs a closing note; with one the case is avslutat and the note kept', () => {
  expect(() => changeStatus(mk(1), 'avslutat', ch, '  ')).toThrow(/avslutningsanteckning/);
  const r = changeStatus(mk(1), 'avslutat', ch, 'Klart enligt beslut § 44');
  expect(r.next.status).toBe('avslutat');
  expect(r.next.closingNote).toBe('Klart enligt beslut § 44');
  expect(r.entries[0].text).toContain('Klart enligt beslut');
});

test('only allowed transitions: a closed case can only be reopened to pågående', () => {
  const closed = mk(1, { status: 'avslutat', closingNote: 'x' });
  expect(() => changeStatus(closed, 'bordlagt', ch)).toThrow(UserError);
  expect(changeStatus(closed, 'pågående', ch).next.closingNote).toBeUndefined();
  expect(() => changeStatus(mk(1), 'öppet', ch)).toThrow(/redan status/);
  expect(() => changeStatus(mk(1, { status: 'bordlagt' }), 'öppet', ch)).toThrow(/kan inte gå från bordlagt till öppet/);
});

test('overdue only when open and past the due date', () => {
  expect(isOverdue({ due: '2021-12-16', status: 'pågående' }, '2021-12-17')).toBe(true);
  expect(isOverdue({ due: '2021-12-17', status: 'pågående' }, '2021-12-17')).toBe(false);
  expect(isOverdue({ due: '2021-12-01', status: 'avslutat' }, '2021-12-17')).toBe(false);
});

test('filters by status, owner, tag, overdue and search; newest activity first', () => {
  const cases = [
    mk(1, { owner: 'Anna Berg', tags: ['Säter'], due: '2021-12-01' }),
    mk(2, { owner: 'Per Ek', status: 'bordlagt' }),
    mk(3, { owner: 'anna berg', status: 'avslutat' }),
    mk(4, { title: 'Tillgänglighet i hemtjänsten' }),
  ];
  const today = '2021-12-17';
  expect(filterCases(cases, {}, today).map((c) => c.number)).toEqual(['2021:4', '2021:2', '2021:1']);
  expect(filterCases(cases, { status: 'alla' }, today)).toHaveLength(4);
  expect(filterCases(cases, { owner: 'Anna Berg' }, today).map((c) => c.number)).toEqual(['2021:1']);
  expect(filterCases(cases, { tag: 'säter' }, today).map((c) => c.number)).toEqual(['2021:1']);
  expect(filterCases(cases, { overdue: true }, today).map((c) => c.number)).toEqual(['2021:1']);
  expect(filterCases(cases, { status: 'bordlagt' }, today).map((c) => c.number)).toEqual(['2021:2']);
  expect(filterCases(cases, { search: 'hemtjänst' }, today).map((c) => c.number)).toEqual(['2021:4']);
});

test('pagination gives the next offset until the end', () => {
  const p1 = paginate([1, 2, 3, 4, 5], 0, 2);
  expect(p1).toMatchObject({ items: [1, 2], nextOffset: 2, total: 5 });
  expect(paginate([1, 2, 3, 4, 5], 4, 2)).toMatchObject({ items: [5], nextOffset: undefined });
});

test('nytt ärende lines are parsed; bad dates and unknown keys are refused in Swedish', () => {
  const input = parseNewCase('Tillgänglighet', 'Ägare: Anna Berg\nSenast: 2022-03-01\nUrsprung: skrivelse från Säter\nTaggar: Säter, äldreomsorg');
  expect(input).toMatchObject({ title: 'Tillgänglighet', owner: 'Anna Berg', due: '2022-03-01', origin: { kind: 'skrivelse', raisedBy: 'Säter' }, tags: ['Säter', 'äldreomsorg'] });
  expect(() => parseNewCase('X', 'Senast: 2022-02-30')).toThrow(/åååå-mm-dd/);
  expect(() => parseNewCase('X', 'Färg: blå')).toThrow(/känns inte igen/);
  expect(() => parseNewCase('', '')).toThrow(/rubrik/);
});

test('proposals: bordlagda, återremitterade and marked cases, nothing else', () => {
  const marked = markNextMeeting(mk(3), true, ch).next;
  const got = proposals([mk(1, { status: 'bordlagt' }), mk(2, { status: 'återremitterat' }), marked, mk(4), mk(5, { status: 'avslutat', nextMeeting: true })]);
  expect(got.map((p) => [p.caseId, p.reason])).toEqual([
    ['2021-00001', 'bordlagt'],
    ['2021-00002', 'återremitterat'],
    ['2021-00003', 'tas upp på nästa möte'],
  ]);
});

test('reminders: two days before, and after the due date passed', () => {
  expect(reminderKind('2021-12-20', addDays('2021-12-20', -3))).toBeUndefined();
  expect(reminderKind('2021-12-20', '2021-12-18')).toBe('före');
  expect(reminderKind('2021-12-20', '2021-12-20')).toBeUndefined();
  expect(reminderKind('2021-12-20', '2021-12-21')).toBe('försenat');
});
