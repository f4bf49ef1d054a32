import type * as Api from '@opentelemetry/api';
import type { RoundTripKind } from '../storage/table-store';

/** What the outbox reports: how many messages are due, deliveries given up, and 429s from Teams. */
export interface OutboxMeters {
  backlog(n: number): void;
  failed(): void;
  throttled(): void;
}

/**
 * Paragraf's own instrumentation, in one place: a span per activity named by its action (the card
 * verb or command name), each storage round trip as a child span, trace ids for the log lines, and
 * the outbox's metrics. Off (NO_TELEMETRY, nothing loaded) unless APPLICATIONINSIGHTS_CONNECTION_STRING
 * is set; tests build it with the OpenTelemetry SDK's in-memory exporters (`instrument`).
 */
export interface Telemetry {
  /** Runs one incoming activity inside its span ("activity <type>" until `action` names it). */
  activity<T>(type: string, run: () => Promise<T>): Promise<T>;
  /** Names the current activity's span by what it does: a card verb, a command or an event. */
  action(kind: 'verb' | 'command' | 'event', name: string): void;
  /** One storage request, as a child span of whatever is running (an activity, a job, the outbox). */
  roundTrip<T>(kind: RoundTripKind, method: string, url: string, send: () => Promise<T & { status?: number }>): Promise<T>;
  /** A scheduled job's run, as its own span. */
  job<T>(name: string, run: () => Promise<T>): Promise<T>;
  /** trace_id and span_id of the active span, for each log line; {} when there is none. */
  logFields(): Record<string, string>;
  outbox: OutboxMeters;
  shutdown(): Promise<void>;
}

export const NO_TELEMETRY: Telemetry = {
  activity: (_type, run) => run(),
  action: () => undefined,
  roundTrip: (_k, _m, _u, send) => send(),
  job: (_name, run) => run(),
  logFields: () => ({}),
  outbox: { backlog: () => undefined, failed: () => undefined, throttled: () => undefined },
  shutdown: async () => undefined,
};

/** The table a storage URL addresses ("meetings" from ".../meetings(PartitionKey=…)" or ".../meetings()?$filter=…"). */
export function tableOf(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
  if (path.includes('$batch')) return '$batch';
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return decodeURIComponent(last.replace(/\(.*$/, ''));
}

/** The instrumentation on a given tracer and meter (the Azure Monitor distro's, or a test's in-memory ones). */
export function instrument(api: typeof Api, tracer: Api.Tracer, meter: Api.Meter, shutdown: () => Promise<void> = async () => undefined): Telemetry {
  const { context, trace, SpanKind, SpanStatusCode } = api;
  let backlog = 0;
  meter.createObservableGauge('paragraf.outbox.backlog', { description: 'Outbox messages due for delivery at the last poll' }).addCallback((r) => r.observe(backlog));
  const failed = meter.createCounter('paragraf.outbox.failed', { description: 'Outbox deliveries given up (permanent error or too many attempts)' });
  const throttled = meter.createCounter('paragraf.outbox.throttled', { description: 'Outbox deliveries answered 429 by the Bot Connector' });

  async function inSpan<T>(name: string, options: Api.SpanOptions, run: (span: Api.Span) => Promise<T>): Promise<T> {
    return tracer.startActiveSpan(name, options, async (span) => {
      try {
        return await run(span);
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  return {
    activity: (type, run) => inSpan(`activity ${type}`, { kind: SpanKind.SERVER, attributes: { 'paragraf.activity.type': type } }, () => run()),
    action(kind, name) {
      const span = trace.getActiveSpan();
      span?.updateName(name);
      span?.setAttributes({ 'paragraf.action': name, 'paragraf.action.kind': kind });
    },
    roundTrip: (kind, method, url, send) =>
      inSpan(`storage ${kind}`, { kind: SpanKind.CLIENT, attributes: { 'db.system': 'azure_tables', 'db.collection.name': tableOf(url), 'paragraf.storage.kind': kind, 'http.request.method': method } }, async (span) => {
        const res = await send();
        if (typeof res?.status === 'number') span.setAttribute('http.response.status_code', res.status);
        return res;
      }),
    job: (name, run) => inSpan(`job ${name}`, { attributes: { 'paragraf.job': name } }, () => run()),
    logFields(): Record<string, string> {
      const ctx = trace.getSpanContext(context.active());
      return ctx && trace.isSpanContextValid(ctx) ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
    },
    outbox: {
      backlog: (n) => void (backlog = n),
      failed: () => failed.add(1),
      throttled: () => throttled.add(1),
    },
    shutdown,
  };
}
