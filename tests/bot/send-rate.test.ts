import { SendRate, TEAMS_PER_CONVERSATION } from '../../src/bot/send-rate';

/** The pacer alone, on a clock of our own: the slots it hands out never break a window. */
const count = (slots: number[], from: number, ms: number) => slots.filter((t) => t >= from && t < from + ms).length;

test("one conversation's slots keep to Teams' windows: 7 in 1 s, 8 in 2 s, 60 in 30 s", () => {
  const rate = new SendRate(50, TEAMS_PER_CONVERSATION);
  const slots = Array.from({ length: 70 }, () => rate.take('c', 0)!);
  for (const t of slots) {
    expect(count(slots, t, 1000)).toBeLessThanOrEqual(7);
    expect(count(slots, t, 2000)).toBeLessThanOrEqual(8);
    expect(count(slots, t, 30_000)).toBeLessThanOrEqual(60);
  }
  // 70 messages: the 61st has to wait for the 30-s window.
  expect(slots[60]).toBeGreaterThanOrEqual(30_000);
});

test('the tenant rate spaces every request evenly, whatever the conversation', () => {
  const rate = new SendRate(20);
  const slots = Array.from({ length: 40 }, (_, i) => rate.take(`c${i}`, 0)!);
  expect(slots.slice(0, 3)).toEqual([0, 50, 100]);
  for (const t of slots) expect(count(slots, t, 1000)).toBeLessThanOrEqual(20);
  // Opening a personal chat takes a slot of the tenant's too.
  expect(rate.takeTenant(0)).toBe(2000);
});

test('a slot further off than the caller will wait is not reserved; a released one is handed out again', () => {
  const rate = new SendRate(50, [{ ms: 1000, max: 1 }]);
  expect(rate.take('c', 0, 500)).toBe(0);
  expect(rate.take('c', 0, 500)).toBeUndefined();
  rate.release('c', 0);
  expect(rate.take('c', 0, 500)).toBe(0);
});

test("a 429's Retry-After holds that conversation, and only that one", () => {
  const rate = new SendRate(50);
  rate.hold('c', 5000);
  expect(rate.take('c', 0, 2000)).toBeUndefined();
  expect(rate.take('d', 0, 2000)).toBe(0);
  expect(rate.take('c', 6000, 2000)).toBe(6000);
});
