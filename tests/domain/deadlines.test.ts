import { anslagDeadline, appealDeadline, describeDeadline, isWorkingDay, justeringDeadline, justeringReminderDays, nonWorkingReason } from '../../src/domain/deadlines';

describe('working days (Swedish public holidays, weekends, and the eves lagen 1930:173 names)', () => {
  test.each([
    ['2022-06-24', 'midsommarafton'],
    ['2021-12-25', 'juldagen'],
    ['2022-04-15', 'långfredagen'],
    ['2022-04-18', 'annandag påsk'],
    ['2021-12-24', 'julafton'],
    ['2022-06-06', 'nationaldagen'],
    ['2022-01-08', 'lördag'],
    ['2022-01-09', 'söndag'],
  ])('%s is not a working day (%s)', (date, reason) => {
    expect(nonWorkingReason(date)).toBe(reason);
  });

  test.each(['2022-01-07', '2022-04-14', '2022-04-19', '2022-06-23', '2021-12-23'])('%s is a working day', (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });
});

describe('justering deadline', () => {
  test('a plain weekday: 14 days after the meeting', () => {
    expect(justeringDeadline('2022-03-01', 14)).toEqual({ date: '2022-03-15', counted: '2022-03-15' });
  });

  test('lands on a Saturday → moved to Monday, and says why', () => {
    const d = justeringDeadline('2022-01-08', 14); // 2022-01-22 is a Saturday
    expect(d).toEqual({ date: '2022-01-24', counted: '2022-01-22', movedFrom: 'lördag' });
    expect(describeDeadline(d)).toBe('måndag 24 januari 2022 (22 januari är lördag, inte en arbetsdag, så fristen flyttas till nästa arbetsdag)');
  });

  test('lands on midsommarafton → moved past midsommardagen and the Sunday', () => {
    expect(justeringDeadline('2022-06-10', 14)).toEqual({ date: '2022-06-27', counted: '2022-06-24', movedFrom: 'midsommarafton' });
  });

  test('lands on juldagen → the next working day after annandag jul and the weekend', () => {
    expect(justeringDeadline('2021-12-11', 14)).toEqual({ date: '2021-12-27', counted: '2021-12-25', movedFrom: 'juldagen' });
  });

  test('lands on långfredagen → moved over Easter to tisdag', () => {
    expect(justeringDeadline('2022-04-01', 14)).toEqual({ date: '2022-04-19', counted: '2022-04-15', movedFrom: 'långfredagen' });
  });

  test('seed 002: 2021-12-17 + 14 = nyårsafton, which lagen (1930:173) counts like a holiday → 3 January', () => {
    expect(justeringDeadline('2021-12-17', 14)).toEqual({ date: '2022-01-03', counted: '2021-12-31', movedFrom: 'nyårsafton' });
  });

  test('the body’s own day count is used', () => {
    expect(justeringDeadline('2022-03-01', 7).date).toBe('2022-03-08');
  });

  test('reminders two days before the (moved) deadline and on the day', () => {
    expect(justeringReminderDays(justeringDeadline('2022-06-10', 14))).toEqual([
      { kind: 'två dagar före', date: '2022-06-25' },
      { kind: 'sista dagen', date: '2022-06-27' },
    ]);
  });
});

describe('anslag and appeal (kommunallagen)', () => {
  test('anslag no later than the second day after justering; a Saturday moves to Monday', () => {
    expect(anslagDeadline('2022-03-02')).toEqual({ date: '2022-03-04', counted: '2022-03-04' });
    expect(anslagDeadline('2022-03-03')).toEqual({ date: '2022-03-07', counted: '2022-03-05', movedFrom: 'lördag' });
  });

  test('anslag deadline over Easter', () => {
    expect(anslagDeadline('2022-04-13')).toEqual({ date: '2022-04-19', counted: '2022-04-15', movedFrom: 'långfredagen' });
  });

  test('appeal: three weeks from the anslag day', () => {
    expect(appealDeadline('2022-03-07')).toEqual({ date: '2022-03-28', counted: '2022-03-28' });
  });

  test('appeal ending on midsommarafton moves to the Monday after', () => {
    expect(appealDeadline('2022-06-03')).toEqual({ date: '2022-06-27', counted: '2022-06-24', movedFrom: 'midsommarafton' });
  });

  test('appeal ending on annandag jul 2022 (a Monday) moves to tisdag', () => {
    expect(appealDeadline('2022-12-05')).toEqual({ date: '2022-12-27', counted: '2022-12-26', movedFrom: 'annandag jul' });
  });
});
