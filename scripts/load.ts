/**
 * `npm run load`: drives Paragraf through POST /api/messages at a steady rate and checks that
 * nothing accepted was lost or recorded twice.
 *
 * Paragraf runs in-process in local mode on 127.0.0.1 with in-memory Azurite; a stand-in Bot
 * Connector on loopback takes its replies. Traffic is a mix per body: RSVPs (kallelse.svara card
 * actions, 5 % of them resent as Teams does), new cases (`nytt ärende`, a write to the
 * ärendelogg) and `hjälp`. Bounded: at most LOAD_MAX_IN_FLIGHT requests at once; an activity
 * that would exceed it is counted as shed, not queued without end.
 *
 *   LOAD_RATE=200 LOAD_SECONDS=60 LOAD_BODIES=6 LOAD_MEMBERS=40 LOAD_MAX_IN_FLIGHT=48 npm run load
 */
import { startParagraf } from '../src/paragraf';
import { verifyAuditLog } from '../src/storage/audit-verify';
import { auditKey } from '../src/domain/audit-chain';
import { TestBot, groupChat, type Conversation, type Person } from '../tests/support/bot';
import { FakeConnector } from '../tests/support/connector';
import { cast, letters, prepareMeeting, type Cast } from '../tests/support/meeting-fixture';

const num = (name: string, def: number, min: number, max: number): number => {
  const v = Number(process.env[name] ?? def);
  if (!Number.isFinite(v) || v < min || v > max) {
    console.error(`${name} ska vara ett tal mellan ${min} och ${max}.`);
    process.exit(2);
  }
  return v;
};
const RATE = num('LOAD_RATE', 200, 1, 2000);
const SECONDS = num('LOAD_SECONDS', 60, 1, 90);
const BODIES = num('LOAD_BODIES', 6, 1, 50);
const MEMBERS = num('LOAD_MEMBERS', 40, 2, 200);
const MAX_IN_FLIGHT = num('LOAD_MAX_IN_FLIGHT', 48, 1, 5000);
/** A request that takes longer is abandoned and counted as an error (Teams gives up after about 15 s too). */
const TIMEOUT_MS = 15_000;

type Kind = 'rsvp' | 'resend' | 'case' | 'help';

interface Body {
  conv: Conversation;
  cast: Cast;
  voters: Person[];
  bodyId: string;
  meetingId: string;
}

interface Result {
  kind: Kind;
  ms: number;
  ok: boolean;
  error?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

async function main(): Promise<number> {
  const connector = await new FakeConnector().start();
  const paragraf = await startParagraf({ env: { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: 'silent' }, inMemoryStorage: true, startScheduler: false });
  if (!/^http:\/\/127\.0\.0\.1:/.test(paragraf.url)) throw new Error(`load runs on loopback only, not ${paragraf.url}`);
  const bot = new TestBot(paragraf, connector);
  try {
    console.log(`Förbereder ${BODIES} organ med ${MEMBERS} ledamöter var …`);
    const setupStarted = performance.now();
    const bodies: Body[] = await Promise.all(
      Array.from({ length: BODIES }, async (_, i) => {
        const c = cast(MEMBERS, `Organ${letters(i)} `);
        const conv = groupChat(`load-${i}`);
        const p = await prepareMeeting(bot, conv, c, { name: `Lastnämnd ${i}` });
        return { conv, cast: c, voters: [c.chair, ...c.ledamoter, ...c.ersattare], ...p };
      }),
    );
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    // What was sent and accepted, to check against storage afterwards.
    const acceptedRsvps = new Map<string, number>(); // meeting partition → accepted RSVP activities
    const unknownRsvps = new Map<string, number>(); // meeting partition → RSVPs whose answer never came (timeout)
    const answersByMember = new Map<string, Set<string>>(); // meeting|aad → answers accepted
    const acceptedCases = new Map<string, string[]>(); // bodyId → titles accepted
    const resendable: { body: Body; activity: Record<string, unknown> }[] = [];
    const results: Result[] = [];
    let inFlight = 0;
    let shed = 0;
    let seq = 0;

    const send = async (kind: Kind, body: Body, activity: Record<string, unknown>): Promise<void> => {
      const started = performance.now();
      let ok = false;
      let error: string | undefined;
      try {
        const res = await fetch(`${paragraf.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(TIMEOUT_MS) });
        const text = await res.text();
        if (res.status >= 500) error = `HTTP ${res.status}`;
        else if (kind === 'rsvp' || kind === 'resend') {
          const json = text ? JSON.parse(text) : {};
          ok = json?.type === 'application/vnd.microsoft.card.adaptive';
          if (!ok) error = `svar utan kort: ${String(json?.value ?? res.status).slice(0, 80)}`;
        } else ok = res.status === 200;
      } catch (err) {
        error = (err as Error).name === 'TimeoutError' ? `inget svar inom ${TIMEOUT_MS / 1000} s` : (err as Error).message;
        if (kind === 'rsvp') {
          const key = `${body.bodyId}|${body.meetingId}`;
          unknownRsvps.set(key, (unknownRsvps.get(key) ?? 0) + 1);
        }
      }
      results.push({ kind, ms: performance.now() - started, ok, error });
      if (ok && kind === 'rsvp') {
        const key = `${body.bodyId}|${body.meetingId}`;
        acceptedRsvps.set(key, (acceptedRsvps.get(key) ?? 0) + 1);
        const data = (activity.value as any).action.data;
        const who = `${key}|${(activity.from as any).aadObjectId}`;
        if (!answersByMember.has(who)) answersByMember.set(who, new Set());
        answersByMember.get(who)!.add(data.answer);
        if (resendable.length < 2000) resendable.push({ body, activity });
      }
      if (ok && kind === 'case') acceptedCases.set(body.bodyId, [...(acceptedCases.get(body.bodyId) ?? []), String(activity.text).replace(/^nytt ärende /, '')]);
    };

    const next = (): [Kind, Body, Record<string, unknown>] => {
      const n = seq++;
      const body = bodies[n % bodies.length];
      const roll = (n * 7919) % 100;
      if (roll < 5 && resendable.length > 0) {
        const r = resendable[(n * 31) % resendable.length];
        return ['resend', r.body, r.activity];
      }
      if (roll < 60) {
        const who = body.voters[(n * 13) % body.voters.length];
        const answer = (n >> 3) % 3 === 0 ? 'förhinder' : 'kommer';
        return ['rsvp', body, bot.activity(who, body.conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kallelse.svara', data: { meetingId: body.meetingId, answer } } } })];
      }
      if (roll < 75) return ['case', body, bot.activity(body.cast.secretary, body.conv, { type: 'message', text: `nytt ärende Lastärende ${n}` })];
      return ['help', body, bot.activity(body.voters[n % body.voters.length], body.conv, { type: 'message', text: 'hjälp' })];
    };

    console.log(`Klart på ${setupSeconds.toFixed(1)} s. Kör ${RATE} aktiviteter/s i ${SECONDS} s mot ${paragraf.url}/api/messages …`);
    const total = Math.round(RATE * SECONDS);
    const t0 = performance.now();
    const pending = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= MAX_IN_FLIGHT) {
        shed++;
        continue;
      }
      const [kind, body, activity] = next();
      inFlight++;
      const p = send(kind, body, activity).finally(() => {
        inFlight--;
        pending.delete(p);
      });
      pending.add(p);
    }
    const sentFor = (performance.now() - t0) / 1000;
    // Every request ends within TIMEOUT_MS; then a moment for work the server still does for abandoned ones.
    await Promise.all(pending);
    const elapsed = (performance.now() - t0) / 1000;
    if (unknownRsvps.size) await new Promise((r) => setTimeout(r, 3000));

    // Consistency: every accepted answer is in storage exactly once.
    const problems: string[] = [];
    for (const body of bodies) {
      const key = `${body.bodyId}|${body.meetingId}`;
      const audit = await paragraf.repos.meetings.docs.audit(key);
      const recorded = audit.filter((e) => e.action === 'kallelse.svara').length;
      const accepted = acceptedRsvps.get(key) ?? 0;
      const unknown = unknownRsvps.get(key) ?? 0;
      // Exact when every request got its answer; an abandoned one may or may not have been recorded.
      if (recorded < accepted || recorded > accepted + unknown) problems.push(`${key}: ${accepted} godtagna svar (${unknown} utan svar) men ${recorded} i loggen`);
      const meeting = (await paragraf.services.meetings.get(body.bodyId, body.meetingId))!.value;
      const roster = (await paragraf.services.bodies.get(body.bodyId))!.value.roster;
      for (const p of body.voters) {
        const entry = roster.find((r) => r.aadObjectId === p.aadObjectId);
        const sent = answersByMember.get(`${key}|${p.aadObjectId}`);
        const stored = entry ? meeting.rsvps[entry.id]?.answer : undefined;
        if (sent && !unknown && (!stored || !sent.has(stored))) problems.push(`${key}: ${p.name} svarade ${[...sent].join('/')} men ${stored ?? 'inget'} är sparat`);
        if (!sent && !unknown && stored) problems.push(`${key}: ${p.name} har ett sparat svar som inte skickades`);
      }
      const titles = (await paragraf.services.cases.listOpen(body.bodyId)).map((c) => c.title);
      for (const t of acceptedCases.get(body.bodyId) ?? []) {
        const n = titles.filter((x) => x === t).length;
        if (n !== 1) problems.push(`${body.bodyId}: ärendet "${t}" finns ${n} gånger`);
      }
    }
    const audit = await verifyAuditLog(paragraf.store, { key: auditKey(paragraf.services.config.auditKey) });
    for (const p of audit.problems) problems.push(`ändringsloggen: ${p.table}/${p.partition} post ${p.seq}: ${p.problem}`);

    const all = results.map((r) => r.ms).sort((a, b) => a - b);
    const errors = results.filter((r) => !r.ok);
    console.log('');
    console.log(`Skickade ${results.length} aktiviteter på ${sentFor.toFixed(1)} s (mål ${total}; ${shed} avvisade av gränsen ${MAX_IN_FLIGHT} samtidiga), klart efter ${elapsed.toFixed(1)} s.`);
    console.log(`Genomströmning: ${(results.length / elapsed).toFixed(1)} besvarade aktiviteter/s`);
    console.log('| typ     | antal | p50 ms | p95 ms | p99 ms | fel |');
    console.log('|---------|-------|--------|--------|--------|-----|');
    for (const kind of ['rsvp', 'resend', 'case', 'help', 'alla'] as const) {
      const rs = kind === 'alla' ? results : results.filter((r) => r.kind === kind);
      const s = rs.map((r) => r.ms).sort((a, b) => a - b);
      console.log(`| ${kind.padEnd(7)} | ${String(rs.length).padStart(5)} | ${fmt(percentile(s, 50)).padStart(6)} | ${fmt(percentile(s, 95)).padStart(6)} | ${fmt(percentile(s, 99)).padStart(6)} | ${String(rs.filter((r) => !r.ok).length).padStart(3)} |`);
    }
    console.log(`Latens alla: p50 ${fmt(percentile(all, 50))} ms, p95 ${fmt(percentile(all, 95))} ms, p99 ${fmt(percentile(all, 99))} ms`);
    console.log(`Fel: ${errors.length}`);
    const kinds = new Map<string, number>();
    for (const e of errors) kinds.set(e.error ?? '?', (kinds.get(e.error ?? '?') ?? 0) + 1);
    for (const [e, n] of [...kinds].slice(0, 5)) console.log(`  ${n} × ${e}`);
    const rsvpTotal = [...acceptedRsvps.values()].reduce((s, n) => s + n, 0);
    const caseTotal = [...acceptedCases.values()].reduce((s, l) => s + l.length, 0);
    if (problems.length === 0) {
      console.log(`Konsistens: OK — ${rsvpTotal} godtagna svar och ${caseTotal} ärenden finns var och ett exakt en gång; ändringsloggen verifierad (${audit.entries} poster).`);
      return 0;
    }
    console.log(`Konsistens: FEL (${problems.length})`);
    for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
    return 1;
  } finally {
    await paragraf.close();
    await connector.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(`Lasttestet kunde inte köras: ${err?.stack ?? err}`);
    process.exit(2);
  });
