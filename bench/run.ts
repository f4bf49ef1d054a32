/**
 * `npm run bench` (tsx bench/run.ts): Paragraf's verbs measured through real HTTP to /api/messages,
 * side by side with the floor (a minimal teams-ai bot, no storage) and raw Azurite latency.
 * Writes bench/results.json and prints the tables. BENCH_N (default 500) sets the samples per verb;
 * BENCH_WARM the warm-up before them (default 300, or N/2 if smaller). Everything runs in this
 * process: Paragraf on an in-memory Azurite, the fake Bot Connector from the tests, and the floor bot.
 * The burst section (bench/burst.ts; BURST_ROUNDS, default 3) starts its own two instances on one Azurite.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { startParagraf, type Paragraf } from '../src/paragraf';
import { FakeConnector } from '../tests/support/connector';
import { TestBot, findAction, groupChat, personalChat, postActivity, type Conversation, type Person } from '../tests/support/bot';
import { cast, setUpCastBody, type Cast } from '../tests/support/meeting-fixture';
import { BodyRepo } from '../src/storage/bodies';
import { MeetingRepo } from '../src/storage/meetings';
import { sha256 } from '../src/domain/audit-chain';
import type { Body } from '../src/domain/body';
import type { Meeting } from '../src/domain/meeting';
import type { Case } from '../src/domain/cases';
import { caseLogCard } from '../src/cards/arendelogg/arendelogg';
import { kallelseCard } from '../src/cards/kallelse/kallelse';
import { cardBytes, MAX_CARD_BYTES } from '../src/cards/render';
import { assembleProtocol } from '../src/domain/protocol/assemble';
import { renderMarkdown } from '../src/domain/protocol/markdown';
import { protocolDocx } from '../src/documents/protocol-docx';
import { encodeDoc } from '../src/storage/document-store';
import { itemCard } from '../src/cards/item/item';
import { reviewCard } from '../src/bot/protocol-cards';
import { startFloorBot } from './floor';
import { summarize, ms, table, type Summary } from './stats';
import { benchCases, fakeCase, formatCaseBench, type CaseBenchRow } from './cases';
import { profiled } from './profiler';
import { benchAnslagstavla, formatAnslagstavlaBench } from './anslagstavla';
import { benchBurst, formatBurst } from './burst';
import type { RoundTripKind } from '../src/storage/table-store';

/** `--profile[=regex]` (npm run bench:profile): each matching verb's timed loop runs under the V8 profiler and its report is printed; results.json is not written. */
const PROFILE = ((arg) => (arg === undefined ? undefined : new RegExp(arg.split('=')[1] || '.', 'i')))(process.argv.find((a) => a.startsWith('--profile')));
const N = Math.max(10, Number(process.env.BENCH_N ?? (PROFILE ? 200 : 500)));
// A long warm-up: V8 optimises the large request paths (framework, SDK, Azurite) only after many runs.
const WARM = Number(process.env.BENCH_WARM ?? Math.min(300, Math.max(5, Math.floor(N / 2))));
const TP_REQUESTS = Math.max(100, Number(process.env.BENCH_TP ?? 2000));
/** Each throughput level stops taking new requests after this long (contention can make it crawl). */
const TP_SECONDS = Number(process.env.BENCH_TP_SECONDS ?? 20);
const CARD_LIMIT = 28 * 1024;
const T0 = performance.now();
const LOAD_AT_START = os.loadavg();
const log = (s: string) => console.log(`[${((performance.now() - T0) / 1000).toFixed(1)} s] ${s}`);

/**
 * V8's garbage-collection pauses, for telling them apart from the work of a request: on this machine a
 * young-generation pause costs ~0.7 ms per MB of semi-space (some 11 ms by default, even in the floor
 * bot), so a verb's p95 is set by how often a pause falls inside one of its requests.
 */
const gcPauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });

/** Milliseconds of GC pause inside each [start, end) window; waits a turn so the observer has every entry. */
async function gcInside(windows: { start: number; end: number }[]): Promise<number[]> {
  await new Promise((r) => setImmediate(r));
  return windows.map((w) => gcPauses.reduce((sum, g) => sum + Math.max(0, Math.min(w.end, g.end) - Math.max(w.start, g.start)), 0));
}

interface GcShare {
  /** Share of requests with a pause inside. */
  hit: number;
  /** Mean pause per request that had one (ms). */
  meanPause: number;
}

function gcShare(pauses: number[]): GcShare {
  const hits = pauses.filter((x) => x > 0);
  return { hit: hits.length / Math.max(1, pauses.length), meanPause: hits.reduce((s, x) => s + x, 0) / Math.max(1, hits.length) };
}

const REFUSAL = /Kunde inte|Något gick fel|får bara|förstod inte|finns inte|redan|kan inte|saknar|Okänd åtgärd|kunde inte läsas|måste|Välj|inte startat/;

interface VerbResult {
  name: string;
  kind: 'invoke' | 'message';
  note: string;
  latency: Summary;
  floor: Summary;
  roundTrips: { mean: number; min: number; max: number };
  /** Round trips that began while none was in flight: the sequential depth of the hot path. */
  sequential: { mean: number; min: number; max: number };
  failures: number;
  firstFailure?: string;
  /** Per request: the wall time with a storage request in flight (Azurite runs in this process, so its work is in it). */
  storage: Summary;
  /** Per request: latency minus storage time, i.e. framework, Paragraf's own code and the HTTP client. */
  rest: Summary;
  /** Round trips per request by kind (mean). */
  kinds: Record<RoundTripKind, number>;
  gc: GcShare;
  floorGc: GcShare;
  /** Latency with the GC pauses inside each request taken out, for the verb and for the floor. */
  latencyNoGc: Summary;
  floorNoGc: Summary;
  ratioNoGc?: number;
  /** floor p95 + this verb's own storage time p95: what the verb would take if Paragraf's code cost nothing. */
  expectedInSitu?: number;
  ratioInSitu?: number;
  /** The largest card this verb answered with (invoke response or message), in bytes. */
  maxCardBytes: number;
  ratio: number;
  expected: number;
  flags: string[];
}

/** One verb: warm-up, then N timed requests one after another, each with its storage round trips; then the floor. */
async function measure(
  p: Paragraf,
  bot: TestBot,
  floorUrl: string,
  name: string,
  opts: { make: (i: number) => Record<string, unknown>; reset?: (i: number) => Promise<void>; n?: number; warm?: number; note?: string; /** The answer is a refusal on purpose. */ refused?: boolean },
): Promise<Omit<VerbResult, 'ratio' | 'expected' | 'flags'>> {
  const n = opts.n ?? N;
  const warm = opts.warm ?? WARM;
  const counter = p.store.counter;
  const samples: number[] = [];
  const trips: number[] = [];
  const seqTrips: number[] = [];
  const storageMs: number[] = [];
  const restMs: number[] = [];
  const kinds: Record<RoundTripKind, number> = { 'point read': 0, query: 0, transaction: 0, write: 0 };
  let failures = 0;
  let firstFailure: string | undefined;
  let kind: 'invoke' | 'message' = 'invoke';
  let maxCardBytes = 0;
  const windows: { start: number; end: number }[] = [];
  const loop = async () => {
    for (let i = 0; i < warm + n; i++) {
      const activity = opts.make(i);
      kind = activity.type === 'invoke' ? 'invoke' : 'message';
      const mark = bot.connector.mark();
      const before = counter.mark();
      const t = performance.now();
      const ans = await postActivity(p.url, activity);
      const dt = performance.now() - t;
      const storage = counter.since(before);
      const said = [
        ans.body?.type === 'application/vnd.microsoft.activity.message' ? String(ans.body.value) : '',
        ...bot.connector.since(mark).map((s) => String(s.activity?.text ?? '')),
      ].join(' ');
      const failed = ans.status >= 300 || (opts.refused ? !REFUSAL.test(said) : REFUSAL.test(said));
      // Sizing a card makes garbage in this process too; every 25th answer is enough to find the largest.
      if (i < warm || i % 25 === 0) {
        if (ans.body?.type === 'application/vnd.microsoft.card.adaptive') maxCardBytes = Math.max(maxCardBytes, cardBytes(ans.body.value));
        for (const s of bot.connector.since(mark)) for (const a of s.activity?.attachments ?? []) maxCardBytes = Math.max(maxCardBytes, cardBytes(a.content));
      }
      if (i >= warm) {
        samples.push(dt);
        windows.push({ start: t, end: t + dt });
        trips.push(storage.count);
        seqTrips.push(storage.sequential);
        storageMs.push(storage.busyMs);
        restMs.push(dt - storage.busyMs);
        for (const k of Object.keys(kinds) as RoundTripKind[]) kinds[k] += storage.kinds[k];
        if (failed) {
          failures++;
          firstFailure ??= said.slice(0, 200) || `HTTP ${ans.status}`;
        }
      }
      if (opts.reset) await opts.reset(i);
    }
  };
  if (PROFILE?.test(name)) {
    const { report } = await profiled(loop);
    console.log(`\n=== ${name}: profile of ${warm + n} requests (resets included) ===\n${report}\n`);
  } else {
    await loop();
  }
  const gc = await gcInside(windows);
  const floorSamples: number[] = [];
  const floorWindows: { start: number; end: number }[] = [];
  for (let i = 0; i < warm + n; i++) {
    const activity = opts.make(i);
    const t = performance.now();
    await postActivity(floorUrl, activity);
    const dt = performance.now() - t;
    if (i >= warm) {
      floorSamples.push(dt);
      floorWindows.push({ start: t, end: t + dt });
    }
  }
  const floorGc = await gcInside(floorWindows);
  gcPauses.length = 0;
  const stat = (xs: number[]) => ({ mean: xs.reduce((s, x) => s + x, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });
  return {
    name,
    kind,
    note: opts.note ?? '',
    latency: summarize(samples),
    floor: summarize(floorSamples),
    roundTrips: stat(trips),
    sequential: stat(seqTrips),
    failures,
    firstFailure,
    maxCardBytes,
    gc: gcShare(gc),
    floorGc: gcShare(floorGc),
    latencyNoGc: summarize(samples.map((x, i) => x - gc[i])),
    floorNoGc: summarize(floorSamples.map((x, i) => x - floorGc[i])),
    storage: summarize(storageMs),
    rest: summarize(restMs),
    kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v / n])) as Record<RoundTripKind, number>,
  };
}

const fmtTrips = (t: { mean: number; min: number; max: number }) => (t.min === t.max ? String(t.max) : `${t.mean.toFixed(2)} [${t.min}–${t.max}]`);

async function timeIt(runs: number, op: () => Promise<unknown> | unknown, warm = 5): Promise<Summary> {
  for (let i = 0; i < warm; i++) await op();
  const s: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await op();
    s.push(performance.now() - t);
  }
  return summarize(s);
}

// ---------------------------------------------------------------------------------------------
// Set-up through the real commands.

function mustOk(texts: string[], what: string): void {
  if (texts.some((t) => REFUSAL.test(t) && !/redan/.test(t))) throw new Error(`${what} failed: ${texts.join(' | ')}`);
}

/** `nytt organ` + `ledamöter` (chair, 37 ledamöter, 2 ersättare = 40 members, 2 tjänstepersoner), linked to Teams identities. */
async function setUpBody(bot: TestBot, conv: Conversation, c: Cast, name: string): Promise<Body> {
  const bodyId = await setUpCastBody(bot, conv, c, name, mustOk);
  return (await bot.services.bodies.get(bodyId))!.value;
}

function agendaText(items: number, firstParagraph: number, date = '2030-12-17'): string {
  const lines = ['nytt möte', `Datum: ${date} 09.00-12.00`, 'Plats: Kommunhuset, sal A', 'Diarienummer: KS 2030/118'];
  for (let i = 0; i < items; i++) {
    const p = firstParagraph + i;
    lines.push(`${p}. Ärende ${p}: uppföljning av verksamhetsplan och budget för område ${i + 1}`);
    if (i % 2) {
      lines.push('Beslutsärende', 'Föredragande: Britta Edström', `Förslag till beslut: Nämnden godkänner uppföljningen för område ${i + 1}.`);
    } else {
      lines.push('Informationsärende', 'Föredragande: Britta Edström');
    }
  }
  return lines.join('\n');
}

async function newMeeting(bot: TestBot, conv: Conversation, c: Cast, items: number, first: number, date?: string): Promise<Meeting> {
  const r = await bot.say(c.secretary, conv, agendaText(items, first, date));
  mustOk(r.texts, 'nytt möte');
  const m = await bot.services.meetings.current(BodyRepo.idFor(conv.id));
  if (!m) throw new Error('nytt möte stored no meeting');
  return m;
}

async function press(bot: TestBot, who: Person, conv: Conversation, verb: string, data: Record<string, unknown>, what = verb) {
  const r = await bot.press(who, conv, verb, data);
  mustOk([r.message ?? '', ...r.texts], what);
  return r;
}

function uppropData(body: Body, meeting: Meeting, justerare: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = { meetingId: meeting.id, justerare: justerare.join(',') };
  for (const r of body.roster) if (r.role !== 'tjänsteperson') data[`p_${r.id}`] = r.role === 'ersättare' ? 'false' : 'true';
  return data;
}

const chairAndLedamoter = (body: Body) => body.roster.filter((r) => r.role !== 'tjänsteperson' && r.role !== 'ersättare');

/** A 40-member body in its own group chat with a meeting of `items` items, kallelse sent. */
async function kallatMeeting(bot: TestBot, prefix: string, chat: string, bodyName: string, items: number): Promise<{ c: Cast; conv: Conversation; body: Body; meeting: Meeting }> {
  const c = cast(37, `${prefix} `);
  const conv = groupChat(chat);
  const body = await setUpBody(bot, conv, c, bodyName);
  const meeting = await newMeeting(bot, conv, c, items, 1);
  await press(bot, c.secretary, conv, 'kallelse.skicka', { meetingId: meeting.id });
  return { c, conv, body, meeting };
}

/** Starts the meeting and confirms the upprop (all ledamöter present, first ledamot justerare). */
async function startAndUpprop(bot: TestBot, conv: Conversation, c: Cast, body: Body, meeting: Meeting): Promise<void> {
  const started = await press(bot, c.secretary, conv, 'möte.starta', { meetingId: meeting.id });
  // Booked for another day than today: "Starta ändå" on the confirm card, as the secretary would.
  const anyway = findAction(started.card, 'Starta ändå');
  if (anyway) await press(bot, c.secretary, conv, 'möte.starta', anyway.data);
  const just = body.roster.find((r) => r.role === 'ledamot')!;
  await press(bot, c.secretary, conv, 'upprop.bekräfta', uppropData(body, meeting, [just.id]));
}

/** The bench's cases: numbered in 2030, due in 2031 (none overdue), none marked for the next meeting. */
const benchCase = (bodyId: string, n: number, open: boolean): Case => fakeCase(bodyId, n, open, { year: 2030, nextMeetingEvery: 0 });

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const connector = await new FakeConnector().start();
  const p = await startParagraf({
    env: { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: 'silent' },
    inMemoryStorage: true,
    // The outbox and the scheduler would make storage requests of their own in the background and
    // blur the per-request round-trip count; rows they would deliver stay queued.
    startOutbox: false,
    startScheduler: false,
  });
  const bot = new TestBot(p, connector);
  const floor = await startFloorBot();
  const services = p.services;
  log(`Paragraf at ${p.url}, floor at ${floor.url}, N=${N}, warm-up ${WARM}`);

  const results: Omit<VerbResult, 'ratio' | 'expected' | 'flags'>[] = [];
  const notes: string[] = [];
  const restore = (bodyId: string, meetingId: string, baseline: Meeting) => () =>
    services.meetings.change(bodyId, meetingId, { actor: { id: 'bench', name: 'Bench' }, action: 'bench.återställ', apply: () => baseline }).then(() => undefined);
  const act = (who: Person, conv: Conversation, extra: Record<string, unknown>) => bot.activity(who, conv, extra);
  const invoke = (who: Person, conv: Conversation, verb: string, data: Record<string, unknown>) =>
    act(who, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  const message = (who: Person, conv: Conversation, text: string) => act(who, conv, { type: 'message', text });

  // --- RSVP: a kallat meeting with 12 items; ledamöter answer in turn, answers alternating per round.
  const { c: cR, conv: convR, body: bodyR, meeting: mR } = await kallatMeeting(bot, 'R', 'bench-rsvp', 'Bench RSVP-nämnden', 12);
  // The rsvps map starts empty: let every ledamot answer once so the document is at its steady size.
  for (const x of cR.ledamoter) await press(bot, x, convR, 'kallelse.svara', { meetingId: mR.id, answer: 'kommer' }, 'RSVP set-up');
  log('RSVP body and meeting ready');
  const rsvp = (i: number) => {
    const who = cR.ledamoter[i % cR.ledamoter.length];
    const round = Math.floor(i / cR.ledamoter.length);
    return invoke(who, convR, 'kallelse.svara', { meetingId: mR.id, answer: (round + i) % 2 ? 'förhinder' : 'kommer' });
  };
  results.push(await measure(p, bot, floor.url, 'RSVP (kallelse.svara)', { make: rsvp, note: 'answers alternate kommer/förhinder (förhinder asks an ersättare via the outbox)' }));
  log('RSVP measured');
  // Paragraf's request path without a verb (server, adapter, routing, context, the Swedish refusal),
  // and a read-only card verb on cached documents: what Paragraf adds to the floor before any write.
  results.push(await measure(p, bot, floor.url, 'unknown card action (framework only)', { make: (i) => invoke(cR.ledamoter[i % 37], convR, 'okänd.åtgärd', {}), refused: true, note: 'refused as an unknown action: no storage, no card' }));
  results.push(await measure(p, bot, floor.url, 'kallelse.visa (read-only card)', { make: (i) => invoke(cR.ledamoter[i % 37], convR, 'kallelse.visa', { meetingId: mR.id }), note: 'the refresh a kallelse card asks for: body and meeting from the cache, one card' }));
  log('framework and read-only card measured');

  // --- ärendelogg: 1 000 cases in the log, 250 of them open.
  await (async () => {
    const all: Case[] = [];
    for (let k = 1; k <= 1000; k++) all.push(benchCase(bodyR.id, k, k <= 250));
    for (let i = 0; i < all.length; i += 40) await p.repos.cases.bulkInsert(bodyR.id, all.slice(i, i + 40));
  })();
  results.push(await measure(p, bot, floor.url, 'ärendelogg (command)', { make: () => message(cR.secretary, convR, 'ärendelogg'), note: '1 000 cases in the log, 250 open' }));
  log('ärendelogg measured');

  // --- nytt möte with 12 items: on a body with 10 meetings; each created meeting is deleted (untimed) so the body stays at 10.
  const cN = cast(37, 'N ');
  const convN = groupChat('bench-nytt');
  await setUpBody(bot, convN, cN, 'Bench Nytt-möte-nämnden');
  for (let k = 0; k < 10; k++) await newMeeting(bot, convN, cN, 12, 1 + k * 12, `2030-${String(k + 1).padStart(2, '0')}-10`);
  const bodyNId = BodyRepo.idFor(convN.id);
  const nyttText = agendaText(12, 200, '2030-12-17');
  let lastNytt: Record<string, unknown> | undefined;
  results.push(
    await measure(p, bot, floor.url, 'nytt möte, 12 items (command)', {
      make: () => (lastNytt = message(cN.secretary, convN, nyttText)),
      reset: async () => {
        const id = 'm' + sha256(`${convN.id}|${lastNytt!.id}`).slice(0, 16);
        await p.store.table('meetings').deleteEntity(MeetingRepo.pk(bodyNId, id), 'doc');
        await p.store.table('meetingIndex').deleteEntity(bodyNId, id);
      },
      note: 'body has 10 meetings; the new one is deleted untimed after each',
    }),
  );
  log('nytt möte measured');

  // --- upprop and jäv: a started meeting, 12 items, no outcomes (the upprop may be confirmed again).
  const { c: cU, conv: convU, body: bodyU, meeting: mU } = await kallatMeeting(bot, 'U', 'bench-upprop', 'Bench Upprop-nämnden', 12);
  await startAndUpprop(bot, convU, cU, bodyU, mU);
  const ledU = bodyU.roster.filter((r) => r.role === 'ledamot');
  results.push(
    await measure(p, bot, floor.url, 'upprop confirm (upprop.bekräfta)', {
      make: (i) => invoke(cU.secretary, convU, 'upprop.bekräfta', uppropData(bodyU, mU, [ledU[i % 2].id, ledU[2].id])),
      note: 'confirmed again on the same meeting, justerare alternate',
    }),
  );
  log('upprop measured');
  const baseU = (await services.meetings.get(bodyU.id, mU.id))!.value;
  results.push(
    await measure(p, bot, floor.url, 'jäv (command)', {
      make: (i) => message(cU.secretary, convU, `jäv ${ledU[i % ledU.length].name} §${1 + (i % 12)}`),
      reset: restore(bodyU.id, mU.id, baseU),
      note: 'meeting restored untimed after each',
    }),
  );
  log('jäv measured');

  // --- outcome and vote: a started meeting with confirmed upprop.
  const { c: cO, conv: convO, body: bodyO, meeting: mO } = await kallatMeeting(bot, 'O', 'bench-outcome', 'Bench Utfall-nämnden', 12);
  await startAndUpprop(bot, convO, cO, bodyO, mO);
  const itemsO = (await services.meetings.get(bodyO.id, mO.id))!.value.items;
  results.push(
    await measure(p, bot, floor.url, 'outcome (ärende.utfall)', {
      make: (i) => {
        const item = itemsO[i % 6];
        return invoke(cO.secretary, convO, 'ärende.utfall', item.kind === 'Beslutsärende' ? { meetingId: mO.id, itemId: item.id, outcome: 'beslut', beslut: `godkänna uppföljningen (${i})` } : { meetingId: mO.id, itemId: item.id, outcome: 'informationen' });
      },
      note: 're-recorded on §§ 1–6 in turn',
    }),
  );
  log('outcome measured');
  const baseO = (await services.meetings.get(bodyO.id, mO.id))!.value;
  const voters = chairAndLedamoter(bodyO);
  const voteText = (para: number) => `votering §${para} ja: ${voters.slice(0, 25).map((r) => r.name).join(', ')}; nej: ${voters.slice(25).map((r) => r.name).join(', ')}`;
  results.push(
    await measure(p, bot, floor.url, `vote, ${voters.length} voters (command)`, {
      make: (i) => message(cO.secretary, convO, voteText(7 + (i % 6))),
      reset: restore(bodyO.id, mO.id, baseO),
      note: 'on §§ 7–12; meeting restored untimed after each',
    }),
  );
  log('vote measured');

  // --- justera: a 60-§ meeting through the whole flow to "under justering".
  const { c: cJ, conv: convJ, body: bodyJ, meeting: mJ } = await kallatMeeting(bot, 'J', 'bench-justera', 'Bench Justering-nämnden', 60);
  await startAndUpprop(bot, convJ, cJ, bodyJ, mJ);
  const itemsJ = (await services.meetings.get(bodyJ.id, mJ.id))!.value.items;
  for (const item of itemsJ) {
    await press(bot, cJ.secretary, convJ, 'ärende.utfall', item.kind === 'Beslutsärende' ? { meetingId: mJ.id, itemId: item.id, outcome: 'beslut', beslut: 'godkänna uppföljningen' } : { meetingId: mJ.id, itemId: item.id, outcome: 'informationen' });
  }
  await press(bot, cJ.secretary, convJ, 'möte.avsluta', { meetingId: mJ.id, confirmed: true });
  await press(bot, cJ.secretary, convJ, 'protokoll.skapa', { meetingId: mJ.id });
  await press(bot, cJ.secretary, convJ, 'protokoll.skicka', { meetingId: mJ.id });
  const loadedJ = (await services.meetings.get(bodyJ.id, mJ.id))!.value;
  if (loadedJ.status !== 'under justering') throw new Error(`justera set-up: meeting is ${loadedJ.status}`);
  log('60-§ meeting under justering');
  const approvers = [cJ.chair, cJ.ledamoter[0]];
  results.push(
    await measure(p, bot, floor.url, 'justera (protokoll.justera)', {
      make: (i) => invoke(approvers[i % 2], personalChat(approvers[i % 2]), 'protokoll.justera', { bodyId: bodyJ.id, meetingId: mJ.id, version: 1 }),
      reset: restore(bodyJ.id, mJ.id, loadedJ),
      note: '60-§ meeting, chair and justerare in turn; approval removed untimed after each',
    }),
  );
  log('justera measured');

  // --- Raw Azurite: one upsert and one point read, through the same store (and its counting policy).
  const raw = p.store.table('leases');
  const payload = 'x'.repeat(1000);
  let k = 0;
  for (let r = 0; r < 50; r++) await raw.upsertEntity({ partitionKey: 'bench', rowKey: `r${r}`, payload }, 'Replace');
  const rawUpsert = await timeIt(N, () => raw.upsertEntity({ partitionKey: 'bench', rowKey: `r${k++ % 50}`, payload }, 'Replace'), WARM);
  const rawRead = await timeIt(N, () => raw.getEntity('bench', `r${k++ % 50}`), WARM);
  const docPk = MeetingRepo.pk(bodyO.id, mO.id);
  const rawDocRead = await timeIt(N, () => p.repos.meetings.docs.read(docPk), WARM);
  // What change() actually writes: one entity-group transaction (document + audit row + idempotency
  // marker) with a meeting-sized document; Azurite parses such a multipart batch much slower than an upsert.
  const docR = (await services.meetings.get(bodyR.id, mR.id))!.value;
  const docBytes = JSON.stringify(docR).length;
  const meetingsTable = p.store.table('meetings');
  let tx = 0;
  const rawTxn = await timeIt(N, () => {
    tx++;
    return meetingsTable.submitTransaction([
      ['upsert', { partitionKey: 'bench-tx', rowKey: 'doc', version: tx, lastHash: 'x'.repeat(64), ...encodeDoc(docR) }, 'Replace'],
      ['upsert', { partitionKey: 'bench-tx', rowKey: `audit|${tx % 100}`, summary: 'bench', hash: 'y'.repeat(64), prevHash: 'z'.repeat(64) }, 'Replace'],
      ['upsert', { partitionKey: 'bench-tx', rowKey: `idem|${tx % 100}`, at: new Date().toISOString() }, 'Replace'],
    ]);
  }, WARM);
  log('raw storage measured');

  // --- Throughput: RSVP at concurrency 1, 10, 50 on one meeting document.
  const throughput: { concurrency: number; requests: number; seconds: number; perSecond: number; latency: Summary; roundTrips: number; roundTripsPerRequest: number; extraRoundTrips: number; failures: number }[] = [];
  // An RSVP that replays nothing makes its fewest round trips; anything above that is a replay after a lost race.
  const seqTrips = results[0].roundTrips.min;
  let seq = 0;
  for (const concurrency of [1, 10, 50]) {
    let total = TP_REQUESTS;
    let next = 0;
    let failures = 0;
    const lat: number[] = [];
    const before = p.store.counter.count;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          if (performance.now() - t > TP_SECONDS * 1000) {
            total = next; // time is up: finish what is in flight
            break;
          }
          next++;
          const a = rsvp(seq++);
          const s = performance.now();
          const ans = await postActivity(p.url, a);
          lat.push(performance.now() - s);
          if (ans.status !== 200 || ans.body?.type !== 'application/vnd.microsoft.card.adaptive') failures++;
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    total = lat.length;
    const trips = p.store.counter.count - before;
    throughput.push({ concurrency, requests: total, seconds, perSecond: total / seconds, latency: summarize(lat), roundTrips: trips, roundTripsPerRequest: trips / total, extraRoundTrips: trips - Math.round(seqTrips * total), failures });
    log(`throughput at ${concurrency}: ${(total / seconds).toFixed(0)}/s`);
  }

  // --- Rendering: the 60-§ protocol, the kallelse card for 60 items, the ärendelogg card for 10 000 cases.
  const model = loadedJ.protocol[0]?.model ?? assembleProtocol(bodyJ, loadedJ);
  let mdBytes = 0;
  let docxBytes = 0;
  const assemble = await timeIt(50, () => assembleProtocol(bodyJ, loadedJ));
  const markdown = await timeIt(50, () => (mdBytes = Buffer.byteLength(renderMarkdown(model))));
  const docx = await timeIt(20, async () => (docxBytes = (await protocolDocx(model)).length), 3);
  const bodyJNow = (await services.bodies.get(bodyJ.id))!.value;
  const kallelseMeeting: Meeting = { ...loadedJ, status: 'kallat' };
  let kallelse: any;
  const kallelseTime = await timeIt(50, () => (kallelse = kallelseCard(bodyJNow, kallelseMeeting, { icsUrl: 'https://example.invalid/ics', viewer: bodyJNow.roster[1], summary: true })));
  const kallelseJson = JSON.stringify(kallelse);
  const kallelseItemsShown = (kallelseJson.match(/§ ?\d+/g) ?? []).length;
  const kallelseTruncated = /ärenden till/.test(kallelseJson);
  const many: Case[] = Array.from({ length: 10000 }, (_, i) => benchCase('b', i + 1, true));
  let logCard: any;
  const logCardTime = await timeIt(20, () => (logCard = caseLogCard({ bodyName: 'Bench', cases: many, filter: { status: 'alla öppna' }, offset: 0, today: '2030-06-01', tabUrl: 'https://example.invalid/tab' })), 3);
  // The cards the hot verbs answer with, rendered alone (adaptivecards-templating parses every expression on each expand).
  const baseOnow = (await services.bodies.get(bodyO.id))!.value;
  const mONow = (await services.meetings.get(bodyO.id, mO.id))!.value;
  const mRNow = (await services.meetings.get(bodyR.id, mR.id))!.value;
  const bodyRNow = (await services.bodies.get(bodyR.id))!.value;
  const cardRenders = {
    kallelse12: await timeIt(100, () => kallelseCard(bodyRNow, mRNow, { icsUrl: 'https://example.invalid/ics', viewer: bodyRNow.roster[1], summary: true })),
    itemCard12: await timeIt(100, () => itemCard(baseOnow, mONow, 0)),
    reviewCard60: await timeIt(50, () => reviewCard(services, bodyJNow, loadedJ, bodyJNow.roster[0].id, new Date())),
  };
  const rendering = {
    protocol60: { paragraphs: loadedJ.items.length, members: bodyJ.roster.filter((r) => r.role !== 'tjänsteperson').length, assemble, markdown, markdownBytes: mdBytes, docx, docxBytes },
    kallelse60: { time: kallelseTime, bytes: cardBytes(kallelse), limit: MAX_CARD_BYTES, compacted: kallelseTruncated || !/Föredragande/.test(kallelseJson), truncated: kallelseTruncated, paragraphMentions: kallelseItemsShown },
    arendelogg10000: { time: logCardTime, bytes: cardBytes(logCard) },
  };
  log('rendering measured');

  const anslagstavla = await benchAnslagstavla(p.url, services, p.repos.store);
  log('anslagstavla measured');

  await p.close();
  await floor.close();
  await connector.stop();

  log('ärendelogg listing (benchCases) …');
  const cases: CaseBenchRow[] = await benchCases({ runs: Math.min(50, Math.max(10, Math.floor(N / 10))), log: (l) => log(l) });

  // --- Burst: 101 members pressing at once, on one instance and on two sharing one store (bench/burst.ts).
  log('burst (benchBurst) …');
  const burst = await benchBurst((l) => log(l));

  // --- Ratios, flags, output.
  const verbs: VerbResult[] = results.map((r) => {
    // Sequential round trips: reads made side by side cost one round trip of time together.
    const expected = r.floor.p95 + r.sequential.mean * rawUpsert.p95;
    const ratio = r.latency.p95 / expected;
    const expectedInSitu = r.floor.p95 + r.storage.p95;
    const ratioNoGc = r.latencyNoGc.p95 / (r.floorNoGc.p95 + r.sequential.mean * rawUpsert.p95);
    const ratioInSitu = r.latency.p95 / expectedInSitu;
    const flags: string[] = [];
    if (r.sequential.max > 2) flags.push(`>2 sequential round trips (${r.sequential.max})`);
    if (ratio > 1.5) flags.push('p95 >1.5× floor+storage');
    if (r.latency.p99 > 500) flags.push('p99 >500 ms');
    if (r.latency.n < 500) flags.push(`n=${r.latency.n} (<500)`);
    if (r.failures) flags.push(`${r.failures} failed`);
    if (r.maxCardBytes > CARD_LIMIT) flags.push(`card ${r.maxCardBytes} B > 28 KB`);
    return { ...r, expected, ratio, expectedInSitu, ratioInSitu, ratioNoGc, flags };
  });

  const out = {
    when: new Date().toISOString(),
    command: `BENCH_N=${N} npm run bench`,
    machine: { node: process.version, cpus: os.cpus().length, loadAverageAtStart: LOAD_AT_START, loadAverageAtEnd: os.loadavg() },
    samples: { n: N, warmUp: WARM },
    raw: { upsert: rawUpsert, pointRead: rawRead, meetingDocRead: rawDocRead, changeTransaction: rawTxn, changeTransactionDocBytes: docBytes },
    cardRenders,
    verbs,
    throughput,
    rendering,
    anslagstavla,
    cases,
    burst,
    notes,
    seconds: (performance.now() - T0) / 1000,
  };
  if (!PROFILE) writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(out, null, 2) + '\n');

  const ok = (b: boolean) => (b ? 'ok' : 'MISS');
  console.log('');
  console.log(`Paragraf bench — ${out.when}, ${out.machine.cpus} cores, Node ${out.machine.node}, N=${N} after ${WARM} warm-up, in-memory Azurite`);
  console.log(`Load average at start ${LOAD_AT_START.map((x) => x.toFixed(1)).join(' ')}, at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share the CPUs; absolute figures move with it, ratios less).`);
  console.log('');
  console.log(`Raw Azurite (ms): upsert (1 KB) p50 ${ms(rawUpsert.p50)} p95 ${ms(rawUpsert.p95)} p99 ${ms(rawUpsert.p99)}; point read p50 ${ms(rawRead.p50)} p95 ${ms(rawRead.p95)}; meeting document read p50 ${ms(rawDocRead.p50)} p95 ${ms(rawDocRead.p95)};`);
  console.log(`  change transaction (document ${docBytes} B + audit row + marker) p50 ${ms(rawTxn.p50)} p95 ${ms(rawTxn.p95)}`);
  console.log('ratio = p95 ÷ (floor p95 + sequential round trips × raw upsert p95), as issue 8 defines it.');
  console.log("ratio in situ = p95 ÷ (floor p95 + p95 of the verb's own storage time): storage time is the wall time with a request");
  console.log("  to Azurite in flight, measured inside each request; what is left (rest) is framework + Paragraf's code + the HTTP client.");
  console.log('GC: share of requests with a V8 pause inside (verb / floor) and the mean pause; w/o GC: the same figures with those pauses taken out.');
  const kindsOf = (k: Record<RoundTripKind, number>) =>
    Object.entries(k).filter(([, v]) => v > 0).map(([name, v]) => `${Number.isInteger(v) ? v : v.toFixed(2)} ${name}`).join(' + ');
  console.log('');
  console.log(
    table(
      ['verb', 'n', 'p50', 'p95', 'p99', 'round trips (sequential): kinds', 'storage p50/p95', 'rest p50/p95', 'floor p50/p95', 'ratio', 'ratio in situ', 'GC', 'p95 w/o GC (floor)', 'ratio w/o GC', 'card B', 'flags'],
      verbs.map((v) => [
        v.name,
        v.latency.n,
        ms(v.latency.p50),
        ms(v.latency.p95),
        ms(v.latency.p99),
        `${fmtTrips(v.roundTrips)} (${fmtTrips(v.sequential)}): ${kindsOf(v.kinds)}`,
        `${ms(v.storage.p50)} / ${ms(v.storage.p95)}`,
        `${ms(v.rest.p50)} / ${ms(v.rest.p95)}`,
        `${ms(v.floor.p50)} / ${ms(v.floor.p95)}`,
        v.ratio.toFixed(2),
        v.ratioInSitu!.toFixed(2),
        `${(100 * v.gc.hit).toFixed(0)} % / ${(100 * v.floorGc.hit).toFixed(0)} %, ${v.gc.meanPause.toFixed(1)} ms`,
        `${ms(v.latencyNoGc.p95)} (${ms(v.floorNoGc.p95)})`,
        v.ratioNoGc!.toFixed(2),
        v.maxCardBytes,
        v.flags.join('; ') || 'ok',
      ]),
    ),
  );
  for (const v of verbs) if (v.note || v.firstFailure) console.log(`  ${v.name}: ${v.note}${v.firstFailure ? ` — first failure: ${v.firstFailure}` : ''}`);
  console.log('');
  console.log(`RSVP throughput (one meeting document, ETag-guarded; each level stops after ${TP_SECONDS} s or ${TP_REQUESTS} requests):`);
  console.log(
    table(
      ['concurrency', 'requests', 'req/s', 'p50', 'p95', 'p99', 'round trips/req', 'extra round trips (replays)', 'failed'],
      throughput.map((t) => [t.concurrency, t.requests, t.perSecond.toFixed(0), ms(t.latency.p50), ms(t.latency.p95), ms(t.latency.p99), t.roundTripsPerRequest.toFixed(2), t.extraRoundTrips, t.failures]),
    ),
  );
  console.log('');
  console.log('Rendering:');
  const r = rendering;
  console.log(
    table(
      ['what', 'p50', 'p95', 'size', 'target'],
      [
        [`protocol ${r.protocol60.paragraphs} §§, ${r.protocol60.members} members: assemble`, ms(r.protocol60.assemble.p50), ms(r.protocol60.assemble.p95), '', ''],
        ['  → Markdown', ms(r.protocol60.markdown.p50), ms(r.protocol60.markdown.p95), `${r.protocol60.markdownBytes} B`, ''],
        ['  → DOCX', ms(r.protocol60.docx.p50), ms(r.protocol60.docx.p95), `${r.protocol60.docxBytes} B`, `< 500 ms: ${ok(r.protocol60.docx.p95 < 500)}`],
        [`kallelse card, 60 items${r.kallelse60.truncated ? ' (cut, "… och N ärenden till")' : r.kallelse60.compacted ? ' (details dropped)' : ''}`, ms(r.kallelse60.time.p50), ms(r.kallelse60.time.p95), `${r.kallelse60.bytes} B`, `≤ 28 KB: ${ok(r.kallelse60.bytes <= CARD_LIMIT)}`],
        ['card render: kallelse, 12 items (RSVP answer)', ms(cardRenders.kallelse12.p50), ms(cardRenders.kallelse12.p95), '', ''],
        ['card render: item card (outcome answer)', ms(cardRenders.itemCard12.p50), ms(cardRenders.itemCard12.p95), '', ''],
        ['card render: review card, 60 §§ (justera answer)', ms(cardRenders.reviewCard60.p50), ms(cardRenders.reviewCard60.p95), '', ''],
        ['ärendelogg card, 10 000 open cases', ms(r.arendelogg10000.time.p50), ms(r.arendelogg10000.time.p95), `${r.arendelogg10000.bytes} B`, `≤ 28 KB: ${ok(r.arendelogg10000.bytes <= CARD_LIMIT)}`],
      ],
    ),
  );
  console.log('');
  console.log('Public anslagstavla (bench/anslagstavla.ts; served from memory):');
  console.log(formatAnslagstavlaBench(anslagstavla));
  console.log('');
  console.log('Ärendelogg listing (bench/cases.ts):');
  console.log(formatCaseBench(cases));
  console.log('');
  console.log(formatBurst(burst));
  console.log('');
  const worstTrips = Math.max(...verbs.map((v) => v.sequential.max));
  console.log('Targets:');
  console.log(`  ≤ 2 sequential storage round trips per verb: ${ok(worstTrips <= 2)} (${verbs.filter((v) => v.sequential.max > 2).map((v) => `${v.name} ${v.sequential.max}`).join(', ') || 'all'})`);
  console.log(`  p95 within 1.5× floor+storage: ${ok(verbs.every((v) => v.ratio <= 1.5))} (${verbs.filter((v) => v.ratio > 1.5).map((v) => `${v.name} ${v.ratio.toFixed(2)}`).join(', ') || 'all'})`);
  console.log(`  invokes well inside 1 s (p99 < 500 ms): ${ok(verbs.filter((v) => v.kind === 'invoke').every((v) => v.latency.p99 < 500))}`);
  console.log(`  60-§ protocol to DOCX < 500 ms: ${ok(r.protocol60.docx.p95 < 500)}`);
  console.log(`  no card over 28 KB: ${ok(r.kallelse60.bytes <= CARD_LIMIT && r.arendelogg10000.bytes <= CARD_LIMIT && verbs.every((v) => v.maxCardBytes <= CARD_LIMIT))}`);
  console.log('');
  console.log(PROFILE ? `Profiled run (figures slowed by the profiler); bench/results.json left as it was.` : `Wrote bench/results.json in ${out.seconds.toFixed(0)} s.`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
