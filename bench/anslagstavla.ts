/**
 * The public anslagstavla under load (part of `npm run bench`): GET /anslagstavla and its feed
 * with 20 anslag up, one client and ten side by side, and revalidation answered 304. Served from
 * memory, so the storage round trips during the run should be none.
 */
import { performance } from 'node:perf_hooks';
import { addDays, format } from 'date-fns';
import type { TableStore } from '../src/storage/table-store';
import type { Services } from '../src/services';
import type { AnslagEntry } from '../src/domain/anslagstavla';
import { swedishDay } from '../src/domain/meeting-time';
import { summarize, ms, table, type Summary } from './stats';

export interface AnslagstavlaRow {
  what: string;
  concurrency: number;
  requests: number;
  perSecond: number;
  latency: Summary;
  storageRoundTrips: number;
}

const SECONDS = Number(process.env.BENCH_ANSLAG_SECONDS ?? 3);

export async function benchAnslagstavla(url: string, services: Services, store: TableStore): Promise<AnslagstavlaRow[]> {
  const today = swedishDay(new Date());
  const day = (n: number) => format(addDays(new Date(`${today}T12:00:00Z`), n), 'yyyy-MM-dd');
  for (let i = 0; i < 20; i++) {
    const e: AnslagEntry = { bodyId: `bbench${i % 5}`, meetingId: `m${i}`, bodyName: `Bench-nämnd ${i % 5}`, anslagstavla: 'kommunens', meetingDate: day(-3), paragraphs: `§§ ${i * 10 + 1}-${i * 10 + 10}`, justeradDate: day(-1), anslagDate: day(0), takenDownDate: day(22), appealLastDay: day(21), forvaringsplats: 'Kommunkansliet', version: 1, recordedAt: new Date().toISOString() };
    await services.anslagstavla.index.put(e);
  }
  const first = await fetch(`${url}/anslagstavla`);
  const etag = first.headers.get('etag')!;
  await first.text();
  // Warm-up, so the first row does not pay for V8's optimising the route.
  for (let i = 0; i < 300; i++) await (await fetch(`${url}${i % 2 ? '/anslagstavla' : '/anslagstavla/feed'}`)).arrayBuffer();
  const cases: [string, string, Record<string, string>][] = [
    ['page', '/anslagstavla', {}],
    ['feed', '/anslagstavla/feed', {}],
    ['page, If-None-Match → 304', '/anslagstavla', { 'If-None-Match': etag }],
  ];
  const rows: AnslagstavlaRow[] = [];
  for (const [what, path, headers] of cases) {
    for (const concurrency of [1, 10]) {
      const lat: number[] = [];
      const before = store.counter.count;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() - t < SECONDS * 1000) {
            const s = performance.now();
            const res = await fetch(`${url}${path}`, { headers });
            await res.arrayBuffer();
            if (res.status !== (headers['If-None-Match'] ? 304 : 200)) throw new Error(`anslagstavla ${path}: ${res.status}`);
            lat.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      rows.push({ what, concurrency, requests: lat.length, perSecond: lat.length / seconds, latency: summarize(lat), storageRoundTrips: store.counter.count - before });
    }
  }
  return rows;
}

export function formatAnslagstavlaBench(rows: AnslagstavlaRow[]): string {
  return table(
    ['request (20 anslag up)', 'concurrency', 'requests', 'req/s', 'p50', 'p95', 'storage round trips'],
    rows.map((r) => [r.what, r.concurrency, r.requests, r.perSecond.toFixed(0), ms(r.latency.p50), ms(r.latency.p95), r.storageRoundTrips]),
  );
}
