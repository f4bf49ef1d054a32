/**
 * Marking a § as covered by sekretess, or taking the marking away: on the agenda before the meeting,
 * during it and after it until the protocol is locked. After the draft exists, the protocol is made
 * again as a new version (reissue), so the justerare approve the marking too. Pure.
 */
import type { Body } from './body';
import type { Item, Meeting } from './meeting';
import { isLocked } from './lifecycle';
import { NotFoundError, UserError } from './errors';
import { assertNotLocked, reissue } from './protocol/versions';
import { withMark, type CoveredPerson, type SekretessScope } from './sekretess';

export interface MarkRequest {
  scope: SekretessScope | 'personer';
  provision: string;
  persons: CoveredPerson[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const withoutStamp = (s: Item['sekretess']) => (s ? { provision: s.provision, scope: s.scope, persons: s.persons } : undefined);

/**
 * Sets (`mark`) or removes (undefined) the marking on the item `itemId`. A typed marking adds to what
 * the § has (more persons, a wider scope); the edit card, which shows the whole marking, replaces it.
 */
export function setSekretess(body: Body, meeting: Meeting, itemId: string, mark: MarkRequest | undefined, by: string, at: string, opts: { replace?: boolean } = {}): Meeting {
  if (isLocked(meeting.status)) assertNotLocked(meeting);
  const index = meeting.items.findIndex((i) => i.id === itemId);
  if (index < 0) throw new NotFoundError('Ärendet finns inte på mötets föredragningslista. Kortet kan vara gammalt.');
  const item = meeting.items[index];
  const next = mark ? withMark(opts.replace ? undefined : item.sekretess, mark, by, at) : undefined;
  if (same(withoutStamp(next), withoutStamp(item.sekretess))) {
    throw new UserError(next ? `§ ${item.paragraph} är redan markerad så. Inget har ändrats.` : `§ ${item.paragraph} är inte markerad för sekretess. Inget har ändrats.`, 'unchanged');
  }
  const { sekretess: _old, ...rest } = item;
  const items = meeting.items.map((i, k) => (k === index ? { ...rest, ...(next ? { sekretess: next } : {}) } : i));
  return reissue(body, meeting, { ...meeting, items }, at, by);
}
