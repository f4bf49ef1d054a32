/**
 * `npm start` (scripts/start.ts) as a newcomer meets it: a taken PORT is named with the variable to
 * set, and when PLAYGROUND_PORT is taken the banner gives the port the Playground really moved to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(120_000);
const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let busy: net.Server;
let busyPort = 0;
let dataDir = '';
beforeAll(async () => {
  busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  busyPort = (busy.address() as net.AddressInfo).port;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-start-'));
});
afterAll(async () => {
  await new Promise((r) => busy.close(r));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>, args: string[] = []): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(TSX, ['scripts/start.ts', ...args], {
    cwd: ROOT,
    detached: true, // its own process group, so the Playground it starts is stopped with it
    env: { ...process.env, PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: path.join(dataDir, String(Math.random())), LOG_LEVEL: 'warn', ...env },
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

async function until(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a taken PORT stops the start with a message naming PORT, in Swedish and English', async () => {
  const { child, output } = start({ PORT: String(busyPort) });
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  expect(code).toBe(1);
  expect(output()).toContain(`Port ${busyPort} är upptagen: Paragrafs port (/api/messages) kan inte startas`);
  expect(output()).toContain(`set PORT to a free port: PORT=${busyPort + 1} npm start`);
});

test('a taken PLAYGROUND_PORT: the banner names the port the Playground really listens on, and the page answers there (with --demo: its group chat is the demo)', async () => {
  const { child, output } = start({ PORT: '0', PLAYGROUND_PORT: String(busyPort) }, ['--demo']);
  try {
    await until(() => /Öppna http:\/\/localhost:(\d+)/.test(output()), 'the banner');
    const port = Number(/Öppna http:\/\/localhost:(\d+)/.exec(output())![1]);
    expect(port).not.toBe(busyPort);
    expect(output()).toContain(`Port ${busyPort} var upptagen, så Agents Playground valde port ${port}. Sätt PLAYGROUND_PORT`);
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = await fetch(`http://localhost:${port}/`).then((r) => r.status).catch(() => 0);
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    // --demo: the Playground's group chat is the one the demo body was bound to.
    expect(output()).toContain('Demo: välj "Demo: Samråd vård och omsorg" till vänster');
    const config = await fetch(`http://localhost:${port}/_internal/v1/config`, { signal: AbortSignal.timeout(20_000) }).then((r) => r.text());
    expect(config).toContain('19:paragraf-demo@thread.v2');
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)));
  }
});
