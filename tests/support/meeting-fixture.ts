import { BodyRepo } from '../../src/storage/bodies';
import { person, type Conversation, type Person, type TestBot } from './bot';

export interface Cast {
  secretary: Person;
  chair: Person;
  ledamoter: Person[];
  ersattare: Person[];
  tjansteperson: Person;
}

/** 0 → "a", 25 → "z", 26 → "ab": roster names are letters only. */
export function letters(i: number): string {
  let out = '';
  do {
    out += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return out;
}

/** A body's people: a secretary (tjänsteperson), a chair, `n` ledamöter, two ersättare (s) and a tjänsteperson. */
export function cast(n = 4, prefix = ''): Cast {
  return {
    secretary: person(`${prefix}Maria Lind`),
    chair: person(`${prefix}Carin Nilsson`),
    ledamoter: Array.from({ length: n }, (_, i) => person(`${prefix}Ledamot Nummer${letters(i)}`)),
    ersattare: [person(`${prefix}Kenneth Andersson`), person(`${prefix}Eva Stuge`)],
    tjansteperson: person(`${prefix}Britta Edström`),
  };
}

export function everyone(c: Cast): Person[] {
  return [c.secretary, c.chair, ...c.ledamoter, ...c.ersattare, c.tjansteperson];
}

export interface Prepared {
  bodyId: string;
  meetingId: string;
}

/**
 * Through /api/messages as the secretary would: `nytt organ`, `ledamöter` (linked to the Teams
 * members by name), `nytt möte` with two items, and **Skicka kallelse** — a meeting open for RSVPs.
 */
export async function prepareMeeting(bot: TestBot, conv: Conversation, c: Cast, opts: { name?: string; send?: boolean } = {}): Promise<Prepared> {
  const must = (texts: string[], what: string) => {
    if (texts.some((t) => /Kunde inte|kunde inte läsas|får bara|Jag förstod inte/.test(t))) throw new Error(`${what} failed: ${texts.join(' | ')}`);
  };
  await setUpCastBody(bot, conv, c, opts.name ?? 'Testnämnden', must);
  const agenda = ['nytt möte', 'Datum: 2030-12-17 09.00-12.00', 'Plats: Teams', '1. Uppföljning av beslut', 'Informationsärende', '2. Budget 2031', 'Beslutsärende', 'Förslag till beslut: Budgeten fastställs.'].join('\n');
  must((await bot.say(c.secretary, conv, agenda)).texts, 'nytt möte');
  const bodyId = BodyRepo.idFor(conv.id);
  const meeting = await bot.services.meetings.current(bodyId);
  if (!meeting) throw new Error('nytt möte stored no meeting');
  if (opts.send !== false) {
    const sent = await bot.press(c.secretary, conv, 'kallelse.skicka', { meetingId: meeting.id });
    must([sent.message ?? '', ...sent.texts], 'kallelse.skicka');
  }
  return { bodyId, meetingId: meeting.id };
}

/**
 * The cast's conversation members, then `nytt organ` and `ledamöter` as the secretary writes them
 * (chair (s), ledamöter alternating s/m, ersättare (s), two tjänstepersoner), each line linked to
 * its person's Teams identity. `check` sees each answer's texts and throws on a refusal.
 */
export async function setUpCastBody(bot: TestBot, conv: Conversation, c: Cast, name: string, check: (texts: string[], what: string) => void): Promise<string> {
  bot.connector.members.set(conv.id, everyone(c).map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId })));
  check((await bot.say(c.secretary, conv, `nytt organ ${name}`)).texts, 'nytt organ');
  const roster = [
    'ledamöter',
    `${c.chair.name} (s) Umeå kommun, ordförande`,
    ...c.ledamoter.map((p, i) => `${p.name} (${i % 2 ? 'm' : 's'}) Umeå kommun`),
    ...c.ersattare.map((p) => `${p.name} (s) Umeå kommun, ersättare`),
    'Tjänstepersoner:',
    `${c.tjansteperson.name}, regional samverkanskoordinator`,
    `${c.secretary.name}, sekreterare`,
  ].join('\n');
  check((await bot.say(c.secretary, conv, roster)).texts, 'ledamöter');
  const bodyId = BodyRepo.idFor(conv.id);
  await linkEveryone(bot, bodyId, everyone(c));
  return bodyId;
}

/** Links each roster line to its person's Teams identity, as a first answer under that name would. */
export async function linkEveryone(bot: TestBot, bodyId: string, people: Person[]): Promise<void> {
  await bot.services.bodies.change(bodyId, {
    actor: { id: 'test', name: 'Test' },
    action: 'ledamöter.länka',
    apply: (b) => {
      if (!b) throw new Error('no body');
      return { ...b, roster: b.roster.map((r) => ({ ...r, aadObjectId: r.aadObjectId ?? people.find((p) => p.name === r.name)?.aadObjectId })) };
    },
  });
}
