import { TableClient, TableServiceClient, RestError, type TableEntity } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { performance } from 'node:perf_hooks';
import { isAbort, storageSignal } from './deadline';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';

/** Every table Paragraf uses; each is created at start if missing. */
export const TABLES = ['conversations', 'bodies', 'meetings', 'meetingIndex', 'deadlines', 'cases', 'people', 'outbox', 'leases', 'requests', 'anslag', 'effects'] as const;
export type TableName = (typeof TABLES)[number];

export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super('storage unreachable', { cause });
  }
}

/** The kind of a storage request, from its method and URL, for `npm run bench`'s breakdown. */
export type RoundTripKind = 'point read' | 'query' | 'transaction' | 'write';

export function roundTripKind(method: string, url: string): RoundTripKind {
  if (method === 'POST' && url.includes('$batch')) return 'transaction';
  if (method !== 'GET') return 'write';
  return /\(PartitionKey='(?:[^']|'')*',RowKey='(?:[^']|'')*'\)/.test(decodeURIComponent(url)) ? 'point read' : 'query';
}

/**
 * Counts storage round trips (each HTTP request to Azure Tables) and the time they take, for
 * `npm run bench`: how many, how many one after another, of which kind, and the wall time during
 * which at least one was in flight (requests side by side count once).
 */
export class RoundTripCounter {
  count = 0;
  /** Requests that began while none was in flight: the sequential depth when one activity runs at a time. */
  sequential = 0;
  inFlight = 0;
  /** Milliseconds with at least one request in flight. */
  busyMs = 0;
  readonly kinds: Record<RoundTripKind, number> = { 'point read': 0, query: 0, transaction: 0, write: 0 };
  private busySince = 0;

  begin(kind: RoundTripKind): void {
    this.count++;
    this.kinds[kind]++;
    if (this.inFlight++ === 0) {
      this.sequential++;
      this.busySince = performance.now();
    }
  }

  end(): void {
    if (--this.inFlight === 0) this.busyMs += performance.now() - this.busySince;
  }

  /** The counts now, to subtract later with `since`. */
  mark(): RoundTrips {
    return { count: this.count, sequential: this.sequential, busyMs: this.busyMs, kinds: { ...this.kinds } };
  }

  /** What was counted after `mark`. */
  since(mark: RoundTrips): RoundTrips {
    const kinds = { ...this.kinds };
    for (const k of Object.keys(kinds) as RoundTripKind[]) kinds[k] -= mark.kinds[k];
    return { count: this.count - mark.count, sequential: this.sequential - mark.sequential, busyMs: this.busyMs - mark.busyMs, kinds };
  }
}

export interface RoundTrips {
  count: number;
  sequential: number;
  busyMs: number;
  kinds: Record<RoundTripKind, number>;
}

export interface TableStoreOptions {
  connectionString?: string;
  accountUrl?: string;
  /** Fewer, faster retries than the SDK default: an invoke has about five seconds in all. */
  maxRetries?: number;
  /** Milliseconds one storage call (retries included) may take before it is abandoned (see deadline.ts). */
  timeoutMs?: number;
}

/** The default deadline of one storage call, well inside the five seconds Teams gives an invoke. */
export const STORAGE_TIMEOUT_MS = 3500;
/** /healthz must answer quickly even when storage does not. */
const PING_TIMEOUT_MS = 1500;

export class TableStore {
  readonly counter = new RoundTripCounter();
  /** Each round trip becomes a span when telemetry is on (set once at start-up). */
  telemetry: Telemetry = NO_TELEMETRY;
  private readonly clients = new Map<TableName, TableClient>();
  private readonly service: TableServiceClient;
  private readonly make: (table: TableName) => TableClient;

  readonly timeoutMs: number;

  constructor(opts: TableStoreOptions) {
    const counter = this.counter;
    const traced = (kind: RoundTripKind, req: any, send: () => Promise<any>) => this.telemetry.roundTrip(kind, req.method, req.url, send);
    const timeoutMs = (this.timeoutMs = opts.timeoutMs ?? STORAGE_TIMEOUT_MS);
    const clientOptions = {
      allowInsecureConnection: Boolean(opts.connectionString?.includes('http://')),
      retryOptions: { maxRetries: opts.maxRetries ?? 2, retryDelayInMs: 100, maxRetryDelayInMs: 800 },
      additionalPolicies: [
        // Once per call, outside the retry policy: the deadline bounds the retries and their waits too.
        { position: 'perCall' as const, policy: { name: 'paragraf-deadline', sendRequest: (req: any, next: any) => {
          req.abortSignal = withDeadline(req.abortSignal, storageSignal(timeoutMs));
          return next(req);
        } } },
        { position: 'perRetry' as const, policy: { name: 'paragraf-count', sendRequest: async (req: any, next: any) => {
        const kind = roundTripKind(req.method, req.url);
        counter.begin(kind);
        try {
          return await traced(kind, req, () => next(req));
        } finally {
          counter.end();
        }
      } } },
      ],
    };
    if (opts.connectionString) {
      const cs = opts.connectionString;
      this.service = TableServiceClient.fromConnectionString(cs, clientOptions);
      this.make = (table) => TableClient.fromConnectionString(cs, table, clientOptions);
    } else if (opts.accountUrl) {
      const credential = new DefaultAzureCredential();
      const url = opts.accountUrl;
      this.service = new TableServiceClient(url, credential, clientOptions);
      this.make = (table) => new TableClient(url, table, credential, clientOptions);
    } else {
      throw new Error('TableStore needs a connection string or an account URL');
    }
  }

  table(name: TableName): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      client = this.make(name);
      this.clients.set(name, client);
    }
    return client;
  }

  async ensureTables(): Promise<void> {
    await Promise.all(TABLES.map((t) => guard(() => this.table(t).createTable())));
  }

  /** True when the account answers within 1.5 s (or the call timeout, if shorter); used by GET /healthz. */
  async ping(): Promise<boolean> {
    try {
      const iter = this.service.listTables({ abortSignal: AbortSignal.timeout(Math.min(PING_TIMEOUT_MS, this.timeoutMs)) }).byPage({ maxPageSize: 1 });
      await iter.next();
      return true;
    } catch {
      return false;
    }
  }
}

export function isStatus(err: unknown, ...codes: number[]): boolean {
  return err instanceof RestError && err.statusCode !== undefined && codes.includes(err.statusCode);
}

/** A call's own abort signal (if any) and its deadline, as one signal. */
function withDeadline(theirs: AbortSignalLike | undefined, deadline: AbortSignal): AbortSignal {
  if (!theirs) return deadline;
  if (theirs instanceof AbortSignal) return AbortSignal.any([theirs, deadline]);
  const relay = new AbortController();
  if (theirs.aborted) relay.abort();
  else theirs.addEventListener('abort', () => relay.abort());
  return AbortSignal.any([relay.signal, deadline]);
}

type AbortSignalLike = { readonly aborted: boolean; addEventListener(type: 'abort', listener: () => void): void };

/**
 * Connection-level failures (no HTTP status) and calls past their deadline mean storage is
 * unreachable, which the user is told as such.
 */
export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (isAbort(err)) throw new StorageUnavailableError(err);
    if (err instanceof RestError && err.statusCode === undefined) throw new StorageUnavailableError(err);
    if (err instanceof RestError && (err.statusCode === 503 || err.statusCode === 500 || err.statusCode === 502 || err.statusCode === 504)) {
      throw new StorageUnavailableError(err);
    }
    throw err;
  }
}

export async function listPartition<T extends object>(client: TableClient, partitionKey: string, rowPrefix?: string): Promise<TableEntity<T>[]> {
  const esc = (s: string) => s.replace(/'/g, "''");
  let filter = `PartitionKey eq '${esc(partitionKey)}'`;
  if (rowPrefix !== undefined) filter += ` and RowKey ge '${esc(rowPrefix)}' and RowKey lt '${esc(rowPrefix)}\uffff'`;
  const out: TableEntity<T>[] = [];
  await guard(async () => {
    for await (const e of client.listEntities<T>({ queryOptions: { filter } })) out.push(e as TableEntity<T>);
  });
  return out;
}

export function odataEscape(s: string): string {
  return s.replace(/'/g, "''");
}
