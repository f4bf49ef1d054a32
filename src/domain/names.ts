/**
 * Names typed by the secretary ("jäv Eva Stuge §46") are matched against the roster; rights and
 * records then follow the roster entry, never the typed text. Pure.
 */
import type { Body, RosterEntry } from './body';
import { UserError } from './errors';
import { joinSv } from './sv-text';
import { stripInvisible } from './invisible-text';

export function normName(s: string): string {
  return stripInvisible(s).normalize('NFC').toLocaleLowerCase('sv').replace(/[.,;:]+$/g, '').replace(/\s+/g, ' ').trim();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Roster names close to what was typed, for "Menade du …?". */
export function closeNames(roster: RosterEntry[], typed: string, max = 5): string[] {
  const t = normName(typed);
  const tokens = t.split(' ');
  return roster
    .map((r) => {
      const n = normName(r.name);
      const shared = n.split(' ').some((x) => tokens.some((y) => y.length > 1 && distance(x, y) <= 1));
      return { name: r.name, d: shared ? 0 : distance(n, t) };
    })
    .filter((x) => x.d <= Math.max(2, Math.floor(t.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.name);
}

/** Exact name, else a unique match of every typed word as the start of a roster name's words ("Kenneth" → Kenneth Andersson). */
export function matchName(roster: RosterEntry[], typed: string): RosterEntry | undefined {
  const t = normName(typed);
  if (!t) return undefined;
  const exact = roster.filter((r) => normName(r.name) === t);
  if (exact.length === 1) return exact[0];
  const words = t.split(' ');
  const partial = roster.filter((r) => {
    const parts = normName(r.name).split(' ');
    return words.every((w) => parts.some((p) => p.startsWith(w)));
  });
  return partial.length === 1 ? partial[0] : undefined;
}

/** The roster entry for a typed name, or a Swedish refusal listing close names. */
export function findMember(body: Body, typed: string, candidates: RosterEntry[] = body.roster): RosterEntry {
  const found = matchName(candidates, typed);
  if (found) return found;
  const close = closeNames(candidates, typed);
  const shown = typed.trim().slice(0, 80);
  throw new UserError(`"${shown}" finns inte på ledamotslistan för ${body.name}.${close.length ? ` Menade du ${joinSv(close)}?` : ' Skriv namnet som det står på listan.'}`, 'unknown_member');
}
