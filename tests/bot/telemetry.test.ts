import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as api from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { TestBot, groupChat, person } from '../support/bot';
import { instrument } from '../../src/telemetry/telemetry';

// The instrumentation Paragraf uses with Application Insights, here on the SDK's in-memory exporters.
const spans = new InMemorySpanExporter();
const tracing = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
tracing.register(); // the AsyncLocalStorage context, as the Azure Monitor distro sets it up
const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
const metering = new MeterProvider({ readers: [reader] });

const lines: Record<string, unknown>[] = [];
let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({
    telemetry: instrument(api, tracing.getTracer('paragraf'), metering.getMeter('paragraf')),
    logStream: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
}, 60_000);
afterAll(async () => {
  await bot.stop();
  await tracing.shutdown();
  await metering.shutdown();
});

const maria = person('Maria Lind');
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

test('one activity through /api/messages is a span named by its command, with its storage round trips as children and its trace id in the log', async () => {
  const conv = groupChat('telemetry');
  spans.reset();
  const before = lines.length;
  const answer = await bot.say(maria, conv, 'hjälp');
  expect(answer.status).toBe(200);

  const activity = spans.getFinishedSpans().find((s) => s.attributes['paragraf.action'] === 'hjälp');
  expect(activity).toBeDefined();
  expect(activity!.name).toBe('hjälp');
  expect(activity!.attributes).toMatchObject({ 'paragraf.action.kind': 'command', 'paragraf.activity.type': 'message' });

  const storage = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === activity!.spanContext().traceId && s.name.startsWith('storage '));
  expect(storage.length).toBeGreaterThan(0);
  for (const s of storage) {
    expect(parentOf(s)).toBe(activity!.spanContext().spanId);
    expect(s.attributes['db.collection.name']).toEqual(expect.any(String));
    expect(s.attributes['http.response.status_code']).toEqual(expect.any(Number));
  }
  // The conversation reference is written on the way: a round trip to the conversations table.
  expect(storage.map((s) => s.attributes['db.collection.name'])).toContain('conversations');

  const handled = lines.slice(before).find((l) => l.msg === 'activity handled');
  expect(handled).toMatchObject({ trace_id: activity!.spanContext().traceId, span_id: activity!.spanContext().spanId });
});

test('a card action is a span named by its verb', async () => {
  const conv = groupChat('telemetry-verb');
  await bot.say(maria, conv, 'hjälp');
  spans.reset();
  await bot.press(maria, conv, 'kallelse.svara', { meetingId: 'm-finns-inte', answer: 'kommer' });
  const activity = spans.getFinishedSpans().find((s) => s.attributes['paragraf.action.kind'] === 'verb');
  expect(activity?.name).toBe('kallelse.svara');
  expect(activity?.attributes['paragraf.activity.type']).toBe('invoke');
});

test('the outbox reports its backlog, its 429s and the deliveries it gives up', async () => {
  const conv = groupChat('telemetry-outbox');
  await bot.say(maria, conv, 'hjälp');
  // More 429s than the Bot Framework client retries by itself, so the outbox sees one.
  bot.connector.throttle.set(conv.id, 8);
  bot.connector.retryAfterSeconds = 0;
  await bot.services.outbox.enqueue({ key: 'telemetry|1', to: { conversationId: conv.id }, text: 'Efter en 429' });
  await bot.services.outbox.enqueue({ key: 'telemetry|2', to: { conversationId: '19:finns-inte@thread.v2' }, text: 'Når ingen' });
  for (let i = 0; i < 100 && (await bot.services.outbox.pending()) > 0; i++) {
    await bot.services.outbox.pump();
    await new Promise((r) => setTimeout(r, 50));
  }
  const { resourceMetrics } = await reader.collect();
  const metric = (name: string) => resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  const total = (name: string) => (metric(name)?.dataPoints ?? []).reduce((n, p) => n + Number(p.value), 0);
  expect(total('paragraf.outbox.throttled')).toBeGreaterThanOrEqual(1);
  expect(total('paragraf.outbox.failed')).toBeGreaterThanOrEqual(1);
  expect(metric('paragraf.outbox.backlog')?.dataPoints).toHaveLength(1);
});

test('without APPLICATIONINSIGHTS_CONNECTION_STRING nothing of OpenTelemetry is loaded', () => {
  // In a fresh process: Paragraf's whole module graph, and its telemetry start-up with the variable unset.
  const script = `require('./src/paragraf'); const t = require('./src/telemetry/azure-monitor').startTelemetry(undefined);
    const loaded = Object.keys(require.cache).filter((k) => /monitor-opentelemetry|@opentelemetry/.test(k));
    console.log(JSON.stringify({ loaded, off: t === require('./src/telemetry/telemetry').NO_TELEMETRY }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.join(__dirname, '../..'), encoding: 'utf8' });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ loaded: [], off: true });
}, 60_000);
