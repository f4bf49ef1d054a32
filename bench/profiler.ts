import { Session } from 'node:inspector/promises';

/**
 * Runs `op` under the V8 sampling profiler and says where the time went: self time per function and
 * per package, and inclusive time of Paragraf's own functions (async work shows under whoever resumed
 * it, so inclusive figures are a lower bound). For finding hot spots, not for figures to compare.
 */
export async function profiled<T>(op: () => Promise<T>): Promise<{ result: T; report: string }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const result = await op();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return { result, report: summarizeProfile(profile) };
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples?: number[];
}

function summarizeProfile(profile: Profile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const counts = new Map<number, number>();
  for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  const total = Math.max(1, profile.samples?.length ?? 0);
  const where = (url: string) => (url.includes('node_modules/') ? url.replace(/.*node_modules\//, '') : url.replace(/^.*?\/(src|bench|tests)\//, '$1/'));
  const keyOf = (id: number) => {
    const f = byId.get(id)!.callFrame;
    // Line numbers are left out: tsx transpiles without the profiler seeing source maps.
    return `${f.functionName || '(anonymous)'} ${where(f.url)}`;
  };
  const packageOf = (id: number) => {
    const url = where(byId.get(id)!.callFrame.url);
    if (!url) return '(V8: GC, idle, natives)';
    if (url.startsWith('node:')) return 'node';
    const m = /^(src\/[^/]+|bench|tests\/support|@[^/]+\/[^/]+|[^/]+)/.exec(url);
    return m?.[1] ?? url;
  };
  const self = new Map<string, number>();
  const pkgs = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, n] of counts) {
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + n);
    pkgs.set(packageOf(id), (pkgs.get(packageOf(id)) ?? 0) + n);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (/ src\//.test(keyOf(at))) seen.add(keyOf(at));
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + n);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, n]) => `  ${((100 * n) / total).toFixed(1).padStart(5)} %  ${name}`).join('\n');
  return [`Self time by package (${total} samples):`, top(pkgs, 15), 'Self time by function:', top(self, 20), "Inclusive time of Paragraf's functions:", top(inclusive, 25)].join('\n');
}
