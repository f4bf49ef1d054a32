import fc from 'fast-check';
import { buildRegistry } from '../../src/bot/routes';
import { TestBot, groupChat, person, cardText, type Person } from '../support/bot';
import { cast, prepareMeeting } from '../support/meeting-fixture';
import { objectShape, looksSwedish, looksLikeInternals } from '../support/payloads';
import { storageSnapshot, snapshotDiff } from '../support/snapshot';

/**
 * Random and malformed payloads at every registered verb through /api/messages: wrong types,
 * huge strings, missing ids, ids of another body's meeting or case, scripts in text fields,
 * unknown verbs. Never a 5xx, never a stack trace, never a change in storage, always Swedish.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20211217);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

let bot: TestBot;
const home = groupChat('fuzz-home');
const other = groupChat('fuzz-other');
const c = cast(3, 'Fuzz ');
const stranger = person('Okänd Främling');
const foreign: Record<string, string> = {};
const hostile = ['<script>alert("x")</script>', '[klicka](javascript:alert(1))', '${process.env}', '{{7*7}}', "'; DROP TABLE meetings; --", '\u0000\u202e', 'å'.repeat(70_000)];

beforeAll(async () => {
  bot = await TestBot.start();
  const a = await prepareMeeting(bot, home, c, { name: 'Fuzznämnden' });
  const b = await prepareMeeting(bot, other, cast(3, 'Annan '), { name: 'Annan nämnd' });
  await bot.say(c.secretary, other, 'nytt ärende Främmande ärende');
  const bMeeting = (await bot.services.meetings.get(b.bodyId, b.meetingId))!.value;
  Object.assign(foreign, {
    meetingId: b.meetingId,
    bodyId: b.bodyId,
    itemId: bMeeting.items[0].id,
    caseId: (await bot.services.cases.listOpen(b.bodyId))[0]?.id ?? '2030-00001',
    forMemberId: (await bot.services.bodies.get(b.bodyId))!.value.roster[1].id,
  });
  expect(a.bodyId).not.toBe(b.bodyId);
}, 120000);
afterAll(async () => {
  await bot.stop();
});

/** Values of the wrong type (or absurd ones) for any field. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom(...hostile),
  fc.string({ maxLength: 50 }),
  fc.constant('x'.repeat(200_000)),
);

/**
 * A payload that must not be carried out: not an object at all, or the verb's fields where at
 * least one id points into another body (or every id is missing/wrong) and text fields are hostile.
 */
function payloadFor(keys: string[]): fc.Arbitrary<unknown> {
  const idKeys = keys.filter((k) => k in foreign);
  const notObject = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }));
  const fields = fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(wrongValue, fc.constantFrom(...hostile))])), { requiredKeys: [] });
  const withForeignIds = idKeys.length
    ? fc.tuple(fields, fc.subarray(idKeys, { minLength: 1 })).map(([f, ids]) => ({ ...f, ...Object.fromEntries(ids.map((k) => [k, foreign[k]])) }))
    : fields;
  const allIdsBroken = fc.tuple(fields, fc.array(wrongValue, { minLength: idKeys.length, maxLength: idKeys.length })).map(([f, bad]) => ({ ...f, ...Object.fromEntries(idKeys.map((k, i) => [k, bad[i]])) }));
  return fc.oneof(notObject, withForeignIds, allIdsBroken, fc.constant({}));
}

const people: Person[] = [c.secretary, c.chair, c.ledamoter[0], stranger];

interface Checked {
  failures: string[];
}

async function pressAndCheck(who: Person, verb: string, data: unknown, out: Checked): Promise<void> {
  const ex = await bot.press(who, home, verb, data as Record<string, unknown>);
  const said = [ex.message ?? '', ...ex.texts].join('\n');
  const label = `${verb} ${JSON.stringify(data)?.slice(0, 160)}`;
  if (ex.status >= 500) out.failures.push(`${label}: HTTP ${ex.status}`);
  if (looksLikeInternals(said)) out.failures.push(`${label}: internt fel till användaren: ${said.slice(0, 200)}`);
  if (!said.trim() && !ex.card) out.failures.push(`${label}: inget svar`);
  else if (said.trim() && !looksSwedish(said)) out.failures.push(`${label}: inte svenska: ${said.slice(0, 200)}`);
  for (const card of [ex.card, ...ex.cards].filter(Boolean)) {
    if (/<script>/i.test(cardText(card))) out.failures.push(`${label}: oescapad <script> på ett kort`);
  }
}

test('malformed and hostile payloads at every registered verb: no 5xx, no internals, nothing stored, Swedish answers', async () => {
  const registry = buildRegistry();
  const verbs = registry.verbNames();
  expect(verbs.length).toBeGreaterThan(10);
  const out: Checked = { failures: [] };
  const started = Date.now();
  for (const [i, verb] of verbs.entries()) {
    const keys = Object.keys(objectShape(registry.verb(verb)!.schema) ?? {});
    const before = await storageSnapshot(bot.paragraf.store, ['conversations', 'leases']);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...people), payloadFor(keys), async (who, data) => {
        await pressAndCheck(who, verb, data, out);
      }),
      { numRuns: RUNS, seed: SEED + i, endOnFailure: true },
    );
    const changed = snapshotDiff(before, await storageSnapshot(bot.paragraf.store, ['conversations', 'leases']));
    if (changed.length) out.failures.push(`${verb}: lagringen ändrades: ${changed.slice(0, 3).join(', ')}`);
  }
  expect(out.failures).toEqual([]);
  expect(Date.now() - started).toBeLessThan(240_000);
}, 300000);

test('unknown verbs and broken invoke envelopes get a Swedish answer and change nothing', async () => {
  const before = await storageSnapshot(bot.paragraf.store, ['conversations', 'leases']);
  const out: Checked = { failures: [] };
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('', ' ', '__proto__', 'constructor', 'toString', 'kallelse.skicka ', 'KALLELSE.SKICKA', '../möte.starta')), fc.anything(), async (verb, data) => {
      if (buildRegistry().verb(verb)) return;
      await pressAndCheck(stranger, verb, data, out);
    }),
    { numRuns: 25, seed: SEED },
  );
  // An invoke whose value is not an action at all.
  const envelopes = [null, 'x', 42, [], {}, { action: null }, { action: 'x' }, { action: { verb: 42 } }, { action: { type: 'Action.Submit', verb: 'kallelse.skicka' } }, { action: { type: 'Action.Execute', verb: 42 } }, { action: { type: 'Action.Execute', verb: 'kallelse.svara', data: 'x' } }];
  for (const value of envelopes) {
    const ex = await bot.post(bot.activity(c.secretary, home, { type: 'invoke', name: 'adaptiveCard/action', value }));
    expect(ex.status).toBe(200);
    expect(ex.body?.type).toBe('application/vnd.microsoft.activity.message');
    expect(looksSwedish(String(ex.body?.value))).toBe(true);
    expect(looksLikeInternals(JSON.stringify(ex.body ?? '') + ex.texts.join())).toBe(false);
  }
  expect(out.failures).toEqual([]);
  expect(snapshotDiff(before, await storageSnapshot(bot.paragraf.store, ['conversations', 'leases']))).toEqual([]);
}, 120000);

test('random text after every command keyword, from a stranger: Swedish answers and nothing stored', async () => {
  const registry = buildRegistry();
  const starts = [...registry.commands.map((cmd) => cmd.name), 'starta mötet', 'votering §', 'jäv', 'reservation', 'uppdrag', 'beslut §1:', 'omedelbar justering §'];
  const before = await storageSnapshot(bot.paragraf.store, ['conversations', 'leases']);
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...starts), fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...hostile)), fc.oneof(fc.constant(''), fc.string({ maxLength: 200 })), async (start, rest, lines) => {
      const text = `${start} ${rest}${lines ? `\n${lines}` : ''}`;
      const ex = await bot.say(stranger, home, text);
      const said = ex.texts.join('\n');
      if (ex.status >= 500) failures.push(`"${text.slice(0, 80)}": HTTP ${ex.status}`);
      if (looksLikeInternals(said)) failures.push(`"${text.slice(0, 80)}": internt fel: ${said.slice(0, 200)}`);
      if (!ex.cards.length && !looksSwedish(said)) failures.push(`"${text.slice(0, 80)}": inte svenska: ${said.slice(0, 120)}`);
    }),
    { numRuns: 40, seed: SEED },
  );
  expect(failures).toEqual([]);
  expect(snapshotDiff(before, await storageSnapshot(bot.paragraf.store, ['conversations', 'leases']))).toEqual([]);
}, 120000);
