import { buildRegistry } from '../../src/bot/routes';
import { allowed, partiesOf } from '../../src/domain/rights';
import { rightsOf } from '../../src/actions/rights';
import type { BotContext } from '../../src/bot/context';
import { EXAMPLES } from '../../src/domain/meeting-commands';
import type { Meeting } from '../../src/domain/meeting';
import { TestBot, groupChat, person, type Conversation, type Person } from '../support/bot';
import { cast, prepareMeeting, type Cast } from '../support/meeting-fixture';
import { samplePayload, looksSwedish, looksLikeInternals } from '../support/payloads';
import { storageSnapshot, snapshotDiff } from '../support/snapshot';

/**
 * The whole rights matrix: every registered card verb and every chat command, pressed or typed by
 * a person in each part (secretary, ordförande, justerare, ledamot, ersättare, tjänsteperson and
 * a stranger) in the body's own conversation. Whoever the action's declared rights (src/actions)
 * do not allow gets a Swedish refusal and nothing in storage changes; whoever they allow is not refused for rights.
 */

/** The meeting's short commands ("jäv Eva Stuge §46" …) walked in the meeting; the action each stands for is what the parser says. */
const MEETING_COMMANDS = ['jäv', 'votering', 'reservation', 'protokollsanteckning', 'yrkande', 'propositionsordning', 'bifall', 'uppdrag', 'fråga', 'beslut', 'informationen', 'bordlägg', 'återremiss', 'handlingarna', 'utfall', 'anteckning', 'omedelbar justering'];

type PartName = 'sekreterare' | 'ordförande' | 'justerare' | 'ledamot' | 'ersättare' | 'tjänsteperson' | 'främling';

function partsOf(c: Cast): Record<PartName, Person> {
  return {
    sekreterare: c.secretary,
    ordförande: c.chair,
    justerare: c.ledamoter[1],
    ledamot: c.ledamoter[0],
    ersättare: c.ersattare[0],
    tjänsteperson: c.tjansteperson,
    främling: person('Okänd Främling'),
  };
}

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start();
});
afterAll(async () => {
  await bot.stop();
});

interface Setup {
  conv: Conversation;
  cast: Cast;
  parts: Record<PartName, Person>;
  bodyId: string;
  meetingId: string;
}

async function setUp(name: string, prefix: string, convId: string): Promise<Setup> {
  const c = cast(3, prefix);
  const conv = groupChat(convId);
  const { bodyId, meetingId } = await prepareMeeting(bot, conv, c, { name });
  const parts = partsOf(c);
  // The justerare is chosen at upprop; set here so every verb meets one.
  const body = (await bot.services.bodies.get(bodyId))!.value;
  const justerare = body.roster.find((r) => r.aadObjectId === parts.justerare.aadObjectId)!.id;
  await bot.services.meetings.change(bodyId, meetingId, { actor: { id: 'test', name: 'Test' }, action: 'test', apply: (m) => ({ ...(m as Meeting), justerare: [justerare] }) });
  return { conv, cast: c, parts, bodyId, meetingId };
}

/** Is `who` allowed `action` on the stored body and meeting as they are now? */
async function expectedAllowed(s: Setup, action: string, who: Person): Promise<boolean> {
  const body = (await bot.services.bodies.get(s.bodyId))!.value;
  const meeting = (await bot.services.meetings.get(s.bodyId, s.meetingId))?.value;
  return allowed(rightsOf(action), partiesOf(body, meeting, who.aadObjectId));
}

const POLICY_REFUSAL = /Det här får bara|inte tillåten/;

/** Everything a handler could write; the scheduler's lease row ticks on its own, so it is left out. */
const snapshot = () => storageSnapshot(bot.paragraf.store, ['conversations', 'leases']);

/**
 * Refusals first, all of them between two snapshots of storage (they must change nothing), then
 * those allowed (who may change things).
 */
async function walk(s: Setup, label: string, action: string, act: (who: Person) => Promise<{ status: number; said: string }>, failures: string[], counts: { refused: number; allowed: number }): Promise<void> {
  const order = await Promise.all(
    (Object.entries(s.parts) as [PartName, Person][]).map(async ([part, who]) => ({ part, who, ok: await expectedAllowed(s, action, who) })),
  );
  const refused = order.filter((o) => !o.ok);
  const before = await snapshot();
  for (const { part, who } of refused) {
    counts.refused++;
    const { status, said } = await act(who);
    const where = `${label} av ${part}`;
    if (status >= 500) failures.push(`${where}: HTTP ${status}`);
    if (looksLikeInternals(said)) failures.push(`${where}: internt fel i svaret: ${said.slice(0, 200)}`);
    if (!said.trim() || !looksSwedish(said)) failures.push(`${where}: ingen svensk vägran: "${said.slice(0, 120)}"`);
  }
  const changed = snapshotDiff(before, await snapshot());
  if (changed.length) failures.push(`${label} av ${refused.map((r) => r.part).join('/')}: ej tillåtet men lagringen ändrades: ${changed.slice(0, 3).join(', ')}`);
  for (const { part, who } of order.filter((o) => o.ok)) {
    counts.allowed++;
    const { status, said } = await act(who);
    const where = `${label} av ${part}`;
    if (status >= 500) failures.push(`${where}: HTTP ${status}`);
    if (looksLikeInternals(said)) failures.push(`${where}: internt fel i svaret: ${said.slice(0, 200)}`);
    if (POLICY_REFUSAL.test(said)) failures.push(`${where}: tillåten enligt rättigheterna men nekades: ${said.slice(0, 120)}`);
  }
}

test('every card verb, by every part: refused ones change nothing, allowed ones are not refused', async () => {
  const s = await setUp('Verbnämnden', 'Verb ', 'rights-verbs');
  await bot.say(s.cast.secretary, s.conv, 'nytt ärende Rättighetsprov');
  const caseId = (await bot.services.cases.listOpen(s.bodyId))[0].id;
  const meeting = (await bot.services.meetings.get(s.bodyId, s.meetingId))!.value;
  const body = (await bot.services.bodies.get(s.bodyId))!.value;
  const known = {
    meetingId: s.meetingId,
    bodyId: s.bodyId,
    itemId: meeting.items[1].id,
    caseId,
    forMemberId: body.roster.find((r) => r.aadObjectId === s.parts.ledamot.aadObjectId)!.id,
    paragraph: meeting.items[1].paragraph,
    version: 1,
    note: 'En anteckning',
    owner: s.cast.chair.name,
  };
  const registry = buildRegistry();
  const verbs = registry.verbNames();
  expect(verbs.length).toBeGreaterThan(10);
  // Every verb's right is stated once, in its action's declaration.
  expect(verbs.filter((v) => !rightsOf(v)?.length)).toEqual([]);

  const failures: string[] = [];
  const counts = { refused: 0, allowed: 0 };
  for (const verb of verbs) {
    const action = verb;
    const data = samplePayload(registry.verb(verb)!.schema, known);
    await walk(
      s,
      verb,
      action,
      async (who) => {
        const ex = await bot.press(who, s.conv, verb, data);
        return { status: ex.status, said: [ex.message ?? '', ...ex.texts].join('\n') };
      },
      failures,
      counts,
    );
  }
  expect(failures).toEqual([]);
  // The walk really met both sides.
  expect(counts.refused).toBeGreaterThan(counts.allowed);
  expect(counts.allowed).toBeGreaterThan(10);
}, 300000);

test('every chat command, by every part: refused ones change nothing, allowed ones are not refused', async () => {
  const s = await setUp('Kommandonämnden', 'Kommando ', 'rights-commands');
  const c = s.cast;
  const names = (text: string) =>
    text
      .replace(/Eva Stuge|Tanja Mårtensson/g, c.ledamoter[0].name)
      .replace(/Carin Nilsson/g, c.chair.name)
      .replace(/Lars Bäckström|Veronica Kerr/g, c.ledamoter[2].name)
      .replace(/§\d+/g, '§2');
  const roster = (await bot.services.bodies.get(s.bodyId))!.value.roster;
  const rosterText = ['ledamöter', ...roster.filter((r) => r.role !== 'tjänsteperson').map((r) => `${r.name} (${r.party ?? 's'}) Umeå kommun${r.role === 'ledamot' ? '' : `, ${r.role}`}`), 'Tjänstepersoner:', `${c.tjansteperson.name}, utredare`, `${c.secretary.name}, sekreterare`].join('\n');
  // In meeting order: set-up, start, the meeting's events, the end, then what follows.
  const texts = [
    'organ\nProfil: samverkan',
    'ledamöter',
    'nytt ärende Rättighetsprov',
    'ärendelogg',
    'starta mötet',
    ...MEETING_COMMANDS.map((k) => names(EXAMPLES[k])),
    'ankom ' + c.ledamoter[2].name,
    'avsluta mötet',
    'nytt möte\nDatum: 2031-02-10 09.00-10.00\nPlats: Teams\n1. Rättighetsprov\nInformationsärende',
    rosterText,
  ];
  const registry = buildRegistry();
  // Every keyword the meeting command knows is in the walk.
  expect(Object.keys(EXAMPLES).filter((k) => !MEETING_COMMANDS.includes(k) && !['starta mötet', 'avsluta mötet', 'ankom', 'lämnar', 'nästa möte'].includes(k))).toEqual([]);
  // The action each line stands for, as the command's parser says: its rights are the expectation.
  const parseCtx = { now: new Date() } as BotContext;
  const commands: [string, string][] = [];
  for (const text of texts) {
    const [firstLine, ...rest] = text.split('\n');
    const found = registry.findCommand(firstLine);
    expect(found).toBeDefined();
    commands.push([text, (await found!.command.parse(parseCtx, { firstLine, body: rest.join('\n'), match: found!.match })).action]);
  }

  const failures: string[] = [];
  const counts = { refused: 0, allowed: 0 };
  for (const [text, action] of commands) {
    await walk(
      s,
      `"${text.split('\n')[0]}"`,
      action,
      async (who) => {
        const ex = await bot.say(who, s.conv, text);
        return { status: ex.status, said: ex.texts.join('\n') + (ex.cards.length ? '\n[kort]' : '') };
      },
      failures,
      counts,
    );
  }
  expect(failures).toEqual([]);
  // The walk really met both sides.
  expect(counts.refused).toBeGreaterThan(counts.allowed);
  expect(counts.allowed).toBeGreaterThan(10);
}, 300000);
