import { signUrl, verify } from '../../src/http/signed-links';

const secret = 's3cret';
const now = new Date('2021-12-17T09:00:00Z');

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://x').searchParams);
}

test('a signed link verifies for its path and parameters until it expires', () => {
  const url = signUrl('/tab/arendelogg', { body: 'b1' }, secret, 3600, now);
  const q = query(url);
  expect(verify('/tab/arendelogg', q, secret, { keys: ['body'], now })).toBe(true);
  // Unsigned extra parameters (filters) are allowed when the signed keys are named.
  expect(verify('/tab/arendelogg', { ...q, status: 'bordlagt' }, secret, { keys: ['body'], now })).toBe(true);
  expect(verify('/tab/arendelogg', { ...q, status: 'bordlagt' }, secret, { now })).toBe(false);
  expect(verify('/tab/arendelogg', { ...q, body: 'b2' }, secret, { keys: ['body'], now })).toBe(false);
  expect(verify('/tab/arendelogg.csv', q, secret, { keys: ['body'], now })).toBe(false);
  expect(verify('/tab/arendelogg', q, 'other', { keys: ['body'], now })).toBe(false);
  expect(verify('/tab/arendelogg', { ...q, exp: String(Number(q.exp) + 1) }, secret, { keys: ['body'], now })).toBe(false);
  expect(verify('/tab/arendelogg', q, secret, { keys: ['body'], now: new Date(now.getTime() + 3601_000) })).toBe(false);
  expect(verify('/tab/arendelogg', { body: 'b1' }, secret, { keys: ['body'], now })).toBe(false);
});
