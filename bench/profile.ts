/**
 * `npm run bench:profile`: the RSVP verb's hot loop under the V8 profiler, for finding where the
 * time goes (self time per function and per package, inclusive time of our code). Not a benchmark: see run.ts.
 */
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { startParagraf } from '../src/paragraf';
import { FakeConnector } from '../tests/support/connector';
import { TestBot, groupChat } from '../tests/support/bot';
import { cast, prepareMeeting } from '../tests/support/meeting-fixture';

const LOOPS = Number(process.env.PROFILE_N ?? 1000);

async function main(): Promise<void> {
  const connector = await new FakeConnector().start();
  const p = await startParagraf({ env: { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: 'silent' }, inMemoryStorage: true, startOutbox: false, startScheduler: false });
  const bot = new TestBot(p, connector);
  const c = cast(37, 'P ');
  const conv = groupChat('profile');
  const { meetingId } = await prepareMeeting(bot, conv, c);
  const step = (i: number) => bot.press(c.ledamoter[i % 37], conv, 'kallelse.svara', { meetingId, answer: i % 3 ? 'kommer' : 'förhinder' });
  for (let i = 0; i < 200; i++) await step(i);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const t = performance.now();
  for (let i = 0; i < LOOPS; i++) await step(i);
  const dt = performance.now() - t;
  const { profile } = await session.post('Profiler.stop');
  console.log(`${LOOPS} RSVPs in ${dt.toFixed(0)} ms: ${(dt / LOOPS).toFixed(2)} ms each`);
  const self = new Map<string, number>();
  const total = profile.samples!.length;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples!) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const [id, n] of counts) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + n);
  }
  // Inclusive time: every function on a sample's stack, counted once per sample.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const keyOf = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${f.lineNumber}`;
  };
  const inclusive = new Map<string, number>();
  for (const [id, n] of counts) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + n);
  }
  const byPkg = new Map<string, number>();
  for (const [k, n] of self) {
    const m = /^\S+ (@?[^/:]+(?:\/[^/:]+)?)/.exec(k);
    const pkg = k.includes('src/') ? 'src/' + (k.split('src/')[1] ?? '').split(/[/:]/)[0] : m?.[1] ?? k;
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, n]) => `${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`).join('\n');
  console.log('Self time by function:\n' + top(self, 40));
  const mine = new Map([...inclusive].filter(([k]) => /src\/|bench\/|adaptivecards-templating|submitTransaction|listEntities|getEntity|processActivity|sendActivit/.test(k)));
  console.log('\nInclusive time (our code and a few library entry points):\n' + top(mine, 50));
  console.log('\nSelf time by package/folder:\n' + top(byPkg, 25));
  await p.close();
  await connector.stop();
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
