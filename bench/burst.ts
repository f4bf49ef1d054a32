/**
 * The burst section of `npm run bench` (alone: `npm run bench:burst`): a full council of 101 pressing
 * at the same second, on one bot instance and on two instances sharing one Azurite.
 *
 *   check-in  101 concurrent "Jag är här" (upprop.checkin) on one meeting, BURST_ROUNDS rounds
 *   votering  a vote started with votering.starta, 101 concurrent votering.rösta presses (when that
 *             verb exists; otherwise "votering: inte tillgänglig")
 *   floor     101 raw Table transactions at the same concurrency on the same store, each of the
 *             shape a check-in commits today (meeting document + audit row + idempotency marker),
 *             no two on the same row
 *   fan-out   101 personal cards through the outbox, against a connector that enforces Teams' rate
 *             limits with 429 + Retry-After
 *
 * Per press: latency (client side, POST to answer), storage writes (transactions and single-entity
 * writes), replays (writes beyond one per press: a lost ETag race commits again), reads; lost and
 * duplicated presses are checked against what storage holds afterwards. Everything runs in this one
 * Node process (both instances, Azurite, the fake connector): two instances share its CPU.
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { startParagraf, type Paragraf } from '../src/paragraf';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../src/storage/azurite';
import { FakeConnector } from '../tests/support/connector';
import { TestBot, groupChat, postActivity, type Conversation, type Person } from '../tests/support/bot';
import { cast, setUpCastBody, type Cast } from '../tests/support/meeting-fixture';
import { BodyRepo } from '../src/storage/bodies';
import { MeetingRepo } from '../src/storage/meetings';
import { encodeDoc } from '../src/storage/document-store';
import { listPartition, type RoundTrips } from '../src/storage/table-store';
import { TEAMS_PER_CONVERSATION } from '../src/bot/send-rate';
import { uppropCard } from '../src/cards/upprop/upprop';
import { summarize, ms, table, type Summary } from './stats';

const ROUNDS = Math.max(1, Number(process.env.BURST_ROUNDS ?? 3));
const PRESSES = 101;
/** Teams gives up on an invoke after 15 s; Paragraf's own aim is well inside five. */
const INVOKE_TIMEOUT_MS = 15_000;
const REFUSAL = /Kunde inte|Något gick fel|får bara|förstod inte|finns inte|kan inte|saknar|Okänd åtgärd|kunde inte läsas|måste|inte startat|Det här får/;

export interface BurstRow {
  what: 'check-in' | 'votering';
  instances: 1 | 2;
  presses: number;
  latency: Summary;
  max: number;
  floor: Summary;
  /** latency p99 ÷ floor p99; the target is ≤ 2. */
  ratio: number;
  writesPerPress: number;
  replaysPerPress: number;
  readsPerPress: number;
  lost: number;
  duplicated: number;
  failed: number;
  firstFailure?: string;
  /** How the presses were checked against storage. */
  checkedBy: string;
}

export interface FanOutRow {
  what: string;
  messages: number;
  requests: number;
  seconds: number;
  throttled: number;
  deliveredOnce: boolean;
}

export interface BurstResult {
  rounds: number;
  /** 101 presses at once of a verb that does not exist: the request path alone (no storage, a refusal). */
  framework: Summary[];
  /** Rendering the card a check-in answers with (the upprop card of 101 + ersättare), alone. */
  uppropCardMs: Summary;
  checkin: BurstRow[];
  votering: BurstRow[] | string;
  fanout: FanOutRow[];
  outboxPerSecond: number;
}

interface Setup {
  azurite: EmbeddedAzurite;
  connector: FakeConnector;
  a: Paragraf;
  b: Paragraf;
  botA: TestBot;
  c: Cast;
  conv: Conversation;
  bodyId: string;
  meetingId: string;
  voters: Person[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lost ETag races and create conflicts (412 / 409) per instance, counted on the wire: a transaction
 * is answered 202 with the failing operation's status inside its multipart body.
 */
const conflicts = new Map<Paragraf, number>();
function countConflicts(p: Paragraf): void {
  conflicts.set(p, 0);
  p.repos.store.table('meetings').pipeline.addPolicy({
    name: 'bench-conflicts',
    sendRequest: async (req, next) => {
      const res = await next(req);
      const body = typeof res.bodyAsText === 'string' ? res.bodyAsText : '';
      if (res.status === 412 || res.status === 409 || /HTTP\/1\.1 (412|409)|UpdateConditionNotSatisfied|EntityAlreadyExists/.test(body)) conflicts.set(p, (conflicts.get(p) ?? 0) + 1);
      return res;
    },
  });
}

function agenda(items: number): string {
  const lines = ['nytt möte', 'Datum: 2030-12-17 09.00-16.00', 'Plats: Fullmäktigesalen', 'Diarienummer: KS 2030/101'];
  for (let i = 1; i <= items; i++) lines.push(`${i}. Motion ${i} om kollektivtrafiken`, 'Beslutsärende', 'Föredragande: Britta Edström', `Förslag till beslut: Fullmäktige bifaller motion ${i}.`);
  return lines.join('\n');
}

async function setUp(log: (s: string) => void): Promise<Setup> {
  const azurite = await startEmbeddedAzurite({ inMemory: true, port: 0 });
  const connector = await new FakeConnector().start();
  const start = () =>
    startParagraf({
      env: { PORT: '0', LOG_LEVEL: 'silent', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString },
      // Background work would add storage requests of its own to the counts; the fan-out pumps by hand.
      startOutbox: false,
      startScheduler: false,
    });
  const [a, b] = await Promise.all([start(), start()]);
  countConflicts(a);
  countConflicts(b);
  const botA = new TestBot(a, connector);
  // Chair + 100 ledamöter = 101 who press, as in the largest kommunfullmäktige; two ersättare besides.
  const c = cast(100, 'Full ');
  const conv = groupChat('bench-burst');
  const must = (texts: string[], what: string) => {
    if (texts.some((t) => REFUSAL.test(t))) throw new Error(`${what} failed: ${texts.join(' | ')}`);
  };
  const bodyId = await setUpCastBody(botA, conv, c, 'Kommunfullmäktige', must);
  must((await botA.say(c.secretary, conv, agenda(8))).texts, 'nytt möte');
  const meeting = await a.services.meetings.current(bodyId);
  if (!meeting) throw new Error('nytt möte stored no meeting');
  const sent = await botA.press(c.secretary, conv, 'kallelse.skicka', { meetingId: meeting.id });
  must([sent.message ?? '', ...sent.texts], 'kallelse.skicka');
  let started = await botA.press(c.secretary, conv, 'möte.starta', { meetingId: meeting.id });
  // The meeting is booked for another day: "Starta ändå" on the confirm card, as the secretary would.
  const anyway = findVerb(started.card, 'möte.starta');
  if (anyway?.data?.confirmedDay) started = await botA.press(c.secretary, conv, 'möte.starta', anyway.data);
  must([started.message ?? '', ...started.texts], 'möte.starta');
  const status = (await a.services.meetings.get(bodyId, meeting.id))?.value.status;
  if (status !== 'pågår') throw new Error(`möte.starta left the meeting ${status}`);
  log('burst: 101-member body, meeting started (upprop open)');
  return { azurite, connector, a, b, botA, c, conv, bodyId, meetingId: meeting.id, voters: [c.chair, ...c.ledamoter] };
}

const pkOf = (s: Setup) => MeetingRepo.pk(s.bodyId, s.meetingId);

/** Rows of the meeting's partition whose key starts with `prefix` (the per-press rows, where a build keeps them). */
async function rowsWith(s: Setup, prefix: string): Promise<string[]> {
  const rows = await listPartition(s.a.repos.store.table('meetings'), pkOf(s), prefix);
  return rows.map((r) => r.rowKey);
}

/** Who is recorded as checked in: on the meeting document (today) and as own rows (`p|checkin|<id>`, when check-ins move there). */
async function checkedIn(s: Setup): Promise<{ ids: string[]; auditEntries: number; where: string }> {
  const doc = await s.a.repos.meetings.docs.read(pkOf(s));
  const inDoc = doc?.value.attendance.checkedIn ?? [];
  const rows = (await rowsWith(s, 'p|checkin|')).map((k) => k.slice('p|checkin|'.length));
  const audit = await s.a.repos.meetings.docs.audit(pkOf(s));
  const where = [inDoc.length ? 'meeting document' : '', rows.length ? 'own rows' : ''].filter(Boolean).join(' + ') || 'nowhere';
  return { ids: [...inDoc, ...rows], auditEntries: audit.filter((e) => e.action === 'upprop.checkin').length, where };
}

/** Empties the check-ins untimed, then lets each instance's document cache read the meeting afresh. */
async function resetCheckIns(s: Setup): Promise<void> {
  await s.a.services.meetings.change(s.bodyId, s.meetingId, { actor: { id: 'bench', name: 'Bench' }, action: 'bench.återställ', apply: (m) => ({ ...m!, attendance: { ...m!.attendance, checkedIn: [] } }) });
  const table = s.a.repos.store.table('meetings');
  for (const rowKey of await rowsWith(s, 'p|checkin|')) await table.deleteEntity(pkOf(s), rowKey);
  // The other instance's cached copy is stale now: wait it out (PARAGRAF_DOC_CACHE_MS, 5 s), then both read.
  await sleep(s.a.config.env.PARAGRAF_DOC_CACHE_MS + 200);
  for (const p of [s.a, s.b]) await Promise.all([p.services.meetings.get(s.bodyId, s.meetingId), p.services.bodies.get(s.bodyId)]);
}

function invoke(s: Setup, who: Person, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return s.botA.activity(who, s.conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
}

interface Round {
  latency: number[];
  failed: number;
  firstFailure?: string;
  trips: RoundTrips;
  /** 412/409 answers during the round: each one is a commit replayed (or a duplicate refused). */
  conflicts: number;
}

/** 101 presses at once, spread over the instances in turn; storage requests counted on every instance. */
async function burst(s: Setup, instances: Paragraf[], make: (who: Person, i: number) => Record<string, unknown>): Promise<Round> {
  const marks = instances.map((p) => p.repos.store.counter.mark());
  const conflictsBefore = instances.reduce((n, p) => n + (conflicts.get(p) ?? 0), 0);
  const latency: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  await Promise.all(
    s.voters.map(async (who, i) => {
      const p = instances[i % instances.length];
      const t = performance.now();
      const ans = await postActivity(p.url, make(who, i));
      const dt = performance.now() - t;
      latency.push(dt);
      const said = ans.body?.type === 'application/vnd.microsoft.activity.message' ? String(ans.body.value) : '';
      const card = ans.body?.type === 'application/vnd.microsoft.card.adaptive';
      if (ans.status !== 200 || !card || REFUSAL.test(said) || dt > INVOKE_TIMEOUT_MS) {
        failed++;
        firstFailure ??= said.slice(0, 200) || `HTTP ${ans.status}${dt > INVOKE_TIMEOUT_MS ? ` after ${dt.toFixed(0)} ms` : ''}`;
      }
    }),
  );
  const trips = instances.map((p, k) => p.repos.store.counter.since(marks[k]));
  const sum: RoundTrips = { count: 0, sequential: 0, busyMs: 0, kinds: { 'point read': 0, query: 0, transaction: 0, write: 0 } };
  for (const t of trips) {
    sum.count += t.count;
    for (const k of Object.keys(sum.kinds) as (keyof RoundTrips['kinds'])[]) sum.kinds[k] += t.kinds[k];
  }
  return { latency, failed, firstFailure, trips: sum, conflicts: instances.reduce((n, p) => n + (conflicts.get(p) ?? 0), 0) - conflictsBefore };
}

/** The floor: 101 raw transactions of a check-in's shape at once, split over the instances' store clients. */
async function floorRound(s: Setup, instances: Paragraf[], round: number): Promise<number[]> {
  const doc = (await s.a.services.meetings.get(s.bodyId, s.meetingId))!.value;
  const encoded = encodeDoc(doc);
  const lat: number[] = [];
  await Promise.all(
    s.voters.map(async (_, i) => {
      const table = instances[i % instances.length].repos.store.table('meetings');
      const pk = 'bench-burst-floor';
      const t = performance.now();
      await table.submitTransaction([
        ['upsert', { partitionKey: pk, rowKey: `doc|${i}`, version: round, lastHash: 'x'.repeat(64), ...encoded }, 'Replace'],
        ['upsert', { partitionKey: pk, rowKey: `audit|${i}`, summary: 'bench', hash: 'y'.repeat(64), prevHash: 'z'.repeat(64) }, 'Replace'],
        ['upsert', { partitionKey: pk, rowKey: `idem|${i}`, at: new Date().toISOString() }, 'Replace'],
      ]);
      lat.push(performance.now() - t);
    }),
  );
  return lat;
}

function row(what: BurstRow['what'], instances: 1 | 2, rounds: Round[], floor: number[], lost: number, duplicated: number, checkedBy: string): BurstRow {
  const presses = rounds.reduce((n, r) => n + r.latency.length, 0);
  const writes = rounds.reduce((n, r) => n + r.trips.kinds.transaction + r.trips.kinds.write, 0);
  const reads = rounds.reduce((n, r) => n + r.trips.kinds['point read'] + r.trips.kinds.query, 0);
  const latency = summarize(rounds.flatMap((r) => r.latency));
  const f = summarize(floor);
  const failures = rounds.filter((r) => r.failed);
  return {
    what,
    instances,
    presses,
    latency,
    max: Math.max(...rounds.flatMap((r) => r.latency)),
    floor: f,
    ratio: latency.p99 / f.p99,
    writesPerPress: writes / presses,
    replaysPerPress: rounds.reduce((n, r) => n + r.conflicts, 0) / presses,
    readsPerPress: reads / presses,
    lost,
    duplicated,
    failed: rounds.reduce((n, r) => n + r.failed, 0),
    firstFailure: failures[0]?.firstFailure,
    checkedBy,
  };
}

async function checkInBench(s: Setup, instances: Paragraf[], log: (s: string) => void): Promise<BurstRow> {
  const rounds: Round[] = [];
  const floor: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let where = '';
  // One untimed round first: V8 optimises the request path only after it has run a while.
  for (let r = -1; r < ROUNDS; r++) {
    await resetCheckIns(s);
    const auditBefore = (await checkedIn(s)).auditEntries;
    const round = await burst(s, instances, (who) => invoke(s, who, 'upprop.checkin', { meetingId: s.meetingId }));
    const after = await checkedIn(s);
    if (r < 0) continue;
    rounds.push(round);
    where = after.where;
    const unique = new Set(after.ids);
    const roster = (await s.a.services.bodies.get(s.bodyId))!.value.roster;
    const expected = new Set(s.voters.map((p) => roster.find((x) => x.aadObjectId === p.aadObjectId)!.id));
    lost += [...expected].filter((id) => !unique.has(id)).length;
    // Twice on the document, or two audit entries (two commits) for one press.
    duplicated += after.ids.length - unique.size + Math.max(0, after.auditEntries - auditBefore - unique.size);
    floor.push(...(await floorRound(s, instances, r)));
  }
  log(`burst: check-in on ${instances.length} instance(s) measured`);
  return row('check-in', instances.length as 1 | 2, rounds, floor, lost, duplicated, where);
}

/** The first Action.Execute with this verb on a card. */
function findVerb(card: unknown, verb: string): any {
  let found: any;
  const walk = (n: any) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute' && n.verb === verb) found = n;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}

/** The vote card the bot posted (or answered with): the voteId on its votering.rösta buttons. */
function voteIdIn(cards: unknown[]): string | undefined {
  const id = findVerb(cards, 'votering.rösta')?.data?.voteId;
  return typeof id === 'string' ? id : undefined;
}

async function voteBench(s: Setup, log: (s: string) => void): Promise<BurstRow[] | string> {
  if (!(await verbExists(s, 'votering.rösta'))) return 'inte tillgänglig';
  // The upprop confirmed with all 101 present: every one of them serves.
  const body = (await s.a.services.bodies.get(s.bodyId))!.value;
  const present: Record<string, unknown> = { meetingId: s.meetingId, justerare: body.roster.find((r) => r.role === 'ledamot')!.id };
  for (const r of body.roster) if (r.role !== 'tjänsteperson') present[`p_${r.id}`] = r.role === 'ersättare' ? 'false' : 'true';
  const confirmed = await s.botA.press(s.c.secretary, s.conv, 'upprop.bekräfta', present);
  if (confirmed.message && REFUSAL.test(confirmed.message)) return `kunde inte startas (upprop: ${confirmed.message})`;
  const out: BurstRow[] = [];
  const choices = ['ja', 'nej', 'avstår'] as const;
  for (const instances of [[s.a], [s.a, s.b]]) {
    const rounds: Round[] = [];
    const floor: number[] = [];
    let lost = 0;
    // One vote per § (a vote is taken on the current §): the 8-§ meeting has room for 1 + 2 per scenario.
    for (let r = -1; r < Math.min(ROUNDS, 2); r++) {
      const m = (await s.a.repos.meetings.docs.read(pkOf(s)))!.value;
      const it = m.items[m.currentIndex ?? 0];
      if (!it) break;
      const started = await s.botA.press(s.c.secretary, s.conv, 'votering.starta', { meetingId: s.meetingId, itemId: it.id });
      const voteId = voteIdIn([started.card, ...started.cards]);
      if (!voteId) return `kunde inte startas: ${started.message ?? started.texts.join(' ') ?? 'inget röstkort'}`;
      await sleep(s.a.config.env.PARAGRAF_DOC_CACHE_MS + 200);
      for (const p of instances) await p.services.meetings.get(s.bodyId, s.meetingId);
      const round = await burst(s, instances, (who, i) => invoke(s, who, 'votering.rösta', { meetingId: s.meetingId, voteId, choice: choices[i % 3] }));
      // On to the next § for the next vote (the last press closed this one: everyone serving had voted).
      const next = await s.botA.press(s.c.secretary, s.conv, 'ärende.nästa', { meetingId: s.meetingId, itemId: it.id });
      if (next.message && REFUSAL.test(next.message)) return `nästa § efter voteringen: ${next.message}`;
      if (r < 0) continue;
      rounds.push(round);
      // Each member's vote is a row whose key ends in |<voteId>|<memberId> (one per member: no duplicates possible by key).
      const voted = new Set((await rowsWith(s, 'p|')).filter((k) => k.includes(`|${voteId}|`)).map((k) => k.slice(k.lastIndexOf('|') + 1)));
      lost += Math.max(0, PRESSES - voted.size);
      floor.push(...(await floorRound(s, instances, 100 + r)));
    }
    out.push(row('votering', instances.length as 1 | 2, rounds, floor, lost, 0, 'own rows'));
    log(`burst: votering on ${instances.length} instance(s) measured`);
  }
  return out;
}

/** Whether a card verb is known, asked the way Teams would: an unknown verb is answered "Okänd åtgärd". */
async function verbExists(s: Setup, verb: string): Promise<boolean> {
  const ans = await s.botA.press(s.c.tjansteperson, s.conv, verb, {});
  return !/Okänd åtgärd/.test(`${ans.message ?? ''} ${ans.texts.join(' ')}`);
}

/** 101 personal cards through the outbox against Teams' limits: the first time (chats opened) and again (chats known). */
async function fanOutBench(s: Setup, log: (s: string) => void): Promise<FanOutRow[]> {
  const out: FanOutRow[] = [];
  const body = (await s.a.services.bodies.get(s.bodyId))!.value;
  const outbox = s.a.services.outbox;
  s.connector.limits = { perConversation: [...TEAMS_PER_CONVERSATION], perSecond: 50 };
  for (const what of ['101 personal cards, personal chats opened first', '101 personal cards, personal chats known']) {
    s.connector.throttled.length = 0;
    s.connector.accepted.clear();
    const mark = s.connector.mark();
    const t = performance.now();
    const tag = out.length;
    for (const p of s.voters) {
      const r = body.roster.find((x) => x.aadObjectId === p.aadObjectId)!;
      await outbox.enqueue({ key: `bench|fanout|${tag}|${r.id}`, to: { aadObjectId: p.aadObjectId, name: p.name, viaConversationId: s.conv.id }, text: `Röstkort till ${p.name}`, card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Till ${p.name}` }] } });
    }
    while ((await outbox.pending()) > 0) await outbox.pump();
    const seconds = (performance.now() - t) / 1000;
    const got = s.connector.since(mark).filter((x) => String(x.activity.text).startsWith('Röstkort till'));
    const once = got.length === PRESSES && new Set(got.map((x) => x.conversationId)).size === PRESSES;
    out.push({ what, messages: got.length, requests: s.connector.accepted.get('*')?.length ?? 0, seconds, throttled: s.connector.throttled.length, deliveredOnce: once });
    log(`burst: ${what}: ${seconds.toFixed(1)} s`);
  }
  s.connector.limits = undefined;
  return out;
}

/** The request path without a verb's work: 101 unknown-verb presses at once, per instance count. */
async function frameworkBench(s: Setup): Promise<Summary[]> {
  const out: Summary[] = [];
  for (const instances of [[s.a], [s.a, s.b]]) {
    const lat: number[] = [];
    for (let r = -1; r < ROUNDS; r++) {
      const round = await burst(s, instances, (who) => invoke(s, who, 'okänd.åtgärd', {}));
      if (r >= 0) lat.push(...round.latency);
    }
    out.push(summarize(lat));
  }
  return out;
}

async function uppropCardTime(s: Setup): Promise<Summary> {
  const body = (await s.a.services.bodies.get(s.bodyId))!.value;
  const meeting = (await s.a.services.meetings.get(s.bodyId, s.meetingId))!.value;
  const lat: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    uppropCard(body, meeting, 'Någon är här.');
    if (i >= 10) lat.push(performance.now() - t);
  }
  return summarize(lat);
}

export async function benchBurst(log: (s: string) => void = () => undefined): Promise<BurstResult> {
  const s = await setUp(log);
  try {
    const framework = await frameworkBench(s);
    const uppropCardMs = await uppropCardTime(s);
    log('burst: request path alone and the upprop card measured');
    const checkin = [await checkInBench(s, [s.a], log), await checkInBench(s, [s.a, s.b], log)];
    const fanout = await fanOutBench(s, log);
    const votering = await voteBench(s, log);
    return { rounds: ROUNDS, framework, uppropCardMs, checkin, votering, fanout, outboxPerSecond: s.a.config.env.PARAGRAF_OUTBOX_PER_SECOND };
  } finally {
    await s.a.close();
    await s.b.close();
    await s.connector.stop();
    await s.azurite.close();
  }
}

export function formatBurst(r: BurstResult): string {
  const lines: string[] = [];
  const rows = [...r.checkin, ...(typeof r.votering === 'string' ? [] : r.votering)];
  lines.push(`Burst: ${PRESSES} members pressing at once on one meeting, ${r.rounds} round(s) each after one untimed; floor = ${PRESSES} raw Table transactions at once (a check-in's shape), same store.`);
  lines.push('writes = transactions + single-entity writes per press (a vote\'s last press also closes it: one commit more); replays = 412/409 answers per press (a lost ETag race, read and committed again); ratio = p99 ÷ floor p99 (target ≤ 2).');
  lines.push(
    table(
      ['press', 'instances', 'n', 'p50', 'p95', 'p99', 'max', 'floor p50/p95/p99', 'ratio p99', 'writes/press', 'replays/press', 'reads/press', 'lost', 'duplicated', 'failed', 'recorded in'],
      rows.map((x) => [x.what, x.instances, x.presses, ms(x.latency.p50), ms(x.latency.p95), ms(x.latency.p99), ms(x.max), `${ms(x.floor.p50)} / ${ms(x.floor.p95)} / ${ms(x.floor.p99)}`, x.ratio.toFixed(2), x.writesPerPress.toFixed(2), x.replaysPerPress.toFixed(2), x.readsPerPress.toFixed(2), x.lost, x.duplicated, x.failed, x.checkedBy]),
    ),
  );
  for (const x of rows) if (x.firstFailure) lines.push(`  ${x.what} × ${x.instances}: first failure: ${x.firstFailure}`);
  if (typeof r.votering === 'string') lines.push(`votering: ${r.votering}`);
  lines.push(`Request path alone (101 presses at once of an unknown verb, answered with a refusal, no storage): p50/p95/p99 ${r.framework.map((f, i) => `${i + 1} instance(s) ${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}`).join('; ')}.`);
  lines.push(`The card a check-in answers with (upprop card, 101 ledamöter + 2 ersättare) renders in ${ms(r.uppropCardMs.p50)} ms (p50) alone; 101 of them are ${ms(101 * r.uppropCardMs.p50)} ms of one core.`);
  lines.push('');
  lines.push(`Fan-out through the outbox (PARAGRAF_OUTBOX_PER_SECOND=${r.outboxPerSecond}; the connector answers 429 + Retry-After above Teams' limits):`);
  lines.push(table(['what', 'delivered', 'connector requests', 'seconds', '429s', 'each once'], r.fanout.map((f) => [f.what, f.messages, f.requests, f.seconds.toFixed(1), f.throttled, f.deliveredOnce ? 'yes' : 'NO'])));
  const ok = (b: boolean) => (b ? 'ok' : 'MISS');
  lines.push('');
  lines.push('Burst targets:');
  for (const x of rows) lines.push(`  ${x.what} × ${x.instances}: p99 within 2× floor ${ok(x.ratio <= 2)} (${x.ratio.toFixed(2)}); no replays ${ok(x.replaysPerPress === 0)}; none lost or doubled ${ok(x.lost === 0 && x.duplicated === 0)}; all answered ${ok(x.failed === 0)}`);
  return lines.join('\n');
}

if (require.main === module) {
  const T0 = performance.now();
  const log = (l: string) => console.log(`[${((performance.now() - T0) / 1000).toFixed(1)} s] ${l}`);
  const load = os.loadavg();
  benchBurst(log).then(
    (r) => {
      console.log('');
      console.log(`Paragraf burst bench — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load average at start ${load.map((x) => x.toFixed(1)).join(' ')}`);
      console.log(formatBurst(r));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
