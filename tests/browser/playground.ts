/**
 * Driver for browser tests against Microsoft's Teams emulator, the Microsoft 365 Agents Playground
 * (`@microsoft/m365agentsplayground`, pinned 0.2.28), with Chromium through playwright-core.
 *
 * Plain async functions, no test-runner dependency. What the Playground does and does not do is
 * written down in tests/browser/playground-notes.md; read it before relying on a helper.
 *
 *   const pg = await startPlayground({ botEndpoint: `${bot.url}/api/messages` }); // bot must be up
 *   const browser = await openBrowser();
 *   const page = await openPlayground(browser, pg);      // personal chat of the current user (Alex Wilber)
 *   await sendMessage(page, 'hjälp');
 *   await fillCardInput(page, 'Titel', 'Styrelsemöte');
 *   await clickCardButton(page, 'Skapa möte');           // Action.Execute: waits for the invoke response
 *   await waitForText(page, 'Mötet är skapat');
 *   await switchConversation(page, 'groupChat');         // messages there @mention the bot automatically
 *   switchUser(page, 'Megan Bowen');                     // card clicks + messages now come from Megan
 *   await waitForBotMessage(pg, { conversationId: await personalChatOf(page, 'Megan Bowen') }); // her 1:1 chat
 *   await closePlayground(page); await browser.close(); await pg.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';

// ---------------------------------------------------------------------------------------------
// Configuration (the Playground's mock tenant)
// ---------------------------------------------------------------------------------------------

export interface PlaygroundUser {
  /** Channel account id, what the bot sees as `from.id` (Teams would say `29:...`). */
  id: string;
  name: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
  userPrincipalName: string;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  /** The one user the Playground UI is logged in as. Typed messages always come from this user. */
  currentUser: PlaygroundUser;
  /** Exactly five more users (the Playground's schema insists on 5). All are in the group chat and the team. */
  users: PlaygroundUser[];
  personalChatId: string;
  groupChat: { id: string; name: string };
  /** The team's General channel has the team id as its conversation id (as in Teams). At most one more channel. */
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

const defaultUser = (i: number, id: string, first: string, last: string, upn: string): PlaygroundUser => ({
  id,
  name: `${first} ${last}`,
  aadObjectId: `00000000-0000-0000-0000-00000000002${i}`,
  givenName: first,
  surname: last,
  email: `${upn}@example.com`,
  userPrincipalName: `${upn}@example.com`,
});

/**
 * The Playground's built-in mock tenant (same users and ids as its default config), except that the
 * chat ids are fixed and Teams-shaped instead of random GUIDs, so tests can predict them.
 */
export const DEFAULT_CONFIG: PlaygroundConfig = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
  currentUser: defaultUser(0, 'user-id-0', 'Alex', 'Wilber', 'alexw'),
  users: [
    defaultUser(1, 'user-id-1', 'Megan', 'Bowen', 'meganb'),
    defaultUser(2, 'user-id-2', 'Adele', 'Vance', 'adelev'),
    defaultUser(3, 'user-id-3', 'Isaiah', 'Langer', 'isaiahl'),
    defaultUser(4, 'user-id-4', 'Patti', 'Fernandez', 'pattif'),
    defaultUser(5, 'user-id-5', 'Lynne', 'Robbins', 'lynner'),
  ],
  personalChatId: 'a:1playground-personal-chat',
  groupChat: { id: '19:playground-group-chat@thread.v2', name: 'Group Chat' },
  team: {
    id: '19:playground-team-general@thread.tacv2',
    name: 'My Team',
    aadGroupId: '00000000-0000-0000-0000-000000000031',
    channels: [{ id: '19:playground-announcements@thread.tacv2', name: 'Announcements' }],
  },
};

/** The Playground reads YAML; JSON is valid YAML, so the config file is written as JSON. */
function toPlaygroundConfigFile(c: PlaygroundConfig): string {
  const user = (u: PlaygroundUser) => ({
    id: u.id,
    name: u.name,
    userPrincipleName: u.userPrincipalName, // sic: the Playground's schema spells it this way
    aadObjectId: u.aadObjectId,
    givenName: u.givenName,
    surname: u.surname,
    email: u.email,
  });
  if (c.users.length !== 5) throw new Error(`Agents Playground needs exactly 5 users besides currentUser, got ${c.users.length}`);
  if (c.team.channels.length > 1) throw new Error('Agents Playground supports at most one channel besides General');
  return JSON.stringify(
    {
      version: '0.1.1',
      tenantId: c.tenantId,
      bot: c.bot,
      currentUser: user(c.currentUser),
      users: c.users.map(user),
      personalChat: { id: c.personalChatId },
      groupChat: c.groupChat,
      team: c.team,
    },
    null,
    2,
  );
}

// ---------------------------------------------------------------------------------------------
// Starting and stopping the Playground
// ---------------------------------------------------------------------------------------------

export interface StartPlaygroundOptions {
  /** e.g. http://127.0.0.1:3978/api/messages. Start the bot first: the page waits (up to 15 s) for it. */
  botEndpoint: string;
  /** Port to ask for. Omitted: a free one is picked. If it is taken the Playground itself falls back to a random port. */
  port?: number;
  /** Changes to the mock tenant (merged over DEFAULT_CONFIG; `users` must then have 5 entries). */
  config?: Partial<PlaygroundConfig>;
  /** How long to wait for the page to answer HTTP (default 30 s). */
  startTimeoutMs?: number;
  /** Forward the Playground's stdout/stderr to this process's stderr (default false). */
  verbose?: boolean;
  /**
   * Record all traffic between the Playground and the bot (default true) through two small proxies
   * in this process: one in front of the bot endpoint, one as the Playground's connector service URL
   * (`--service-url`). That record is the only way to see what the bot sends to 1:1 chats of users
   * other than the current user: the page never shows those.
   */
  record?: boolean;
}

/** One HTTP exchange between the Playground and the bot, seen by the recording proxies. */
export interface TrafficEntry {
  seq: number;
  at: number;
  /** 'toBot': the Playground calling the bot endpoint. 'fromBot': the bot calling the connector API. */
  direction: 'toBot' | 'fromBot';
  method: string;
  /** Path below the connector root (/v3/...) or of the bot endpoint. */
  path: string;
  /** For /v3/conversations/{id}/...: the decoded conversation id. */
  conversationId?: string;
  /** For /v3/conversations/{id}/activities/{activityId}: the decoded activity id (reply-to or updated). */
  activityId?: string;
  request: any;
  status: number;
  response: any;
}

export interface Playground {
  /** http://localhost:<port>, the page to open. */
  url: string;
  port: number;
  /** What the Playground puts in `activity.serviceUrl` (the recording proxy's URL when recording). */
  serviceUrl: string;
  /** The Playground's own connector endpoint, http://localhost:<port>/_connector */
  connectorUrl: string;
  /** Everything recorded so far (empty when started with record: false). */
  traffic(): TrafficEntry[];
  pid: number;
  config: PlaygroundConfig;
  /** Scratch directory (cwd of the Playground; holds its config and log file). Removed by stop(). */
  workDir: string;
  /** Everything the Playground printed so far, plus its log file (the interesting part). */
  output(): string;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'agentsplayground');

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test forgets stop(): never leave a Playground behind.
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached => the child leads its own process group
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** A port nothing listens on right now (on any interface, which is how the Playground binds). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** For timeouts raced against something else: must not keep the process (e.g. jest) alive afterwards. */
const unrefSleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

function parseBody(buf: Buffer, contentType: string | null | undefined): any {
  if (!buf.length) return undefined;
  const text = buf.toString('utf8');
  if (contentType?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      /* fall through */
    }
  }
  return text;
}

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding', 'keep-alive']);

/**
 * Holds the bot's copy of a brand-new channel post until the page that posted it shows it.
 * The Playground page drops (with an "unreachable" error in its message saga) a bot reply that
 * arrives over the websocket for a thread it has not registered yet, which happens when the bot
 * answers faster than the browser handles the POST response (seen on a loaded machine).
 */
interface PostGate {
  pending: number;
  waiters: (() => void)[];
  seenThreads: Set<string>;
}
const gates = new WeakMap<Playground, PostGate>();

async function holdNewThread(gate: PostGate, body: Buffer): Promise<void> {
  let a: any;
  try {
    a = JSON.parse(body.toString('utf8'));
  } catch {
    return;
  }
  const id = a?.conversation?.id;
  if (a?.type !== 'message' || typeof id !== 'string' || !id.includes(';messageid=') || gate.seenThreads.has(id)) return;
  gate.seenThreads.add(id);
  if (gate.pending > 0) await Promise.race([new Promise<void>((r) => gate.waiters.push(r)), unrefSleep(10_000)]);
}

function releaseGate(gate: PostGate | undefined): void {
  if (!gate) return;
  gate.pending = Math.max(0, gate.pending - 1);
  if (gate.pending === 0) for (const w of gate.waiters.splice(0)) w();
}

/** A forwarding HTTP proxy that records every exchange. `target()` is read per request. */
async function startRecorder(
  direction: TrafficEntry['direction'],
  target: () => string | undefined,
  traffic: TrafficEntry[],
  beforeForward?: (body: Buffer) => Promise<void>,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      let status = 502;
      let resBody = Buffer.alloc(0);
      let resType: string | null = null;
      try {
        if (beforeForward) await beforeForward(body);
        const base = target();
        if (!base) throw new Error('target not known yet');
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (!HOP_HEADERS.has(k) && typeof v === 'string') headers[k] = v;
        const r = await fetch(base + url, {
          method,
          headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
          signal: AbortSignal.timeout(60_000),
        });
        status = r.status;
        resType = r.headers.get('content-type');
        resBody = Buffer.from(await r.arrayBuffer());
        const out: Record<string, string> = {};
        r.headers.forEach((v, k) => {
          if (!HOP_HEADERS.has(k)) out[k] = v;
        });
        res.writeHead(status, out);
        res.end(resBody);
      } catch (e) {
        resBody = Buffer.from(`recording proxy: ${(e as Error).message}`);
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(resBody);
      }
      const m = /\/v3\/conversations\/([^/?]+)(?:\/activities\/([^/?]+))?/.exec(url);
      traffic.push({
        seq: traffic.length,
        at: Date.now(),
        direction,
        method,
        path: url.replace(/^\/_connector/, ''),
        conversationId: m ? decodeURIComponent(m[1]) : undefined,
        activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined,
        request: parseBody(body, req.headers['content-type']),
        status,
        response: parseBody(resBody, resType),
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, () => resolve()); // all interfaces, like the Playground ("localhost" may be ::1)
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startPlayground(opts: StartPlaygroundOptions): Promise<Playground> {
  installExitHook();
  const config: PlaygroundConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const requestedPort = opts.port ?? (await freePort());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agents-playground-'));
  const configPath = path.join(workDir, 'playground-config.yml');
  const logPath = path.join(workDir, 'playground.log');
  fs.writeFileSync(configPath, toPlaygroundConfigFile(config));

  const record = opts.record ?? true;
  const traffic: TrafficEntry[] = [];
  let actualPort: number | undefined;
  const botUrl = new URL(opts.botEndpoint);
  const gate: PostGate = { pending: 0, waiters: [], seenThreads: new Set() };
  const botProxy = record ? await startRecorder('toBot', () => botUrl.origin, traffic, (b) => holdNewThread(gate, b)) : undefined;
  const connectorProxy = record
    ? await startRecorder('fromBot', () => (actualPort ? `http://localhost:${actualPort}` : undefined), traffic)
    : undefined;
  const endpoint = botProxy ? `http://127.0.0.1:${botProxy.port}${botUrl.pathname}${botUrl.search}` : opts.botEndpoint;
  const args = ['-e', endpoint, '-c', 'msteams', '--dt', '-p', String(requestedPort)];
  if (connectorProxy) args.push('--service-url', `http://localhost:${connectorProxy.port}/_connector`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.M365_AGENTS_PLAYGROUND_SERVICE_URL;
  delete env.TEAMSAPPTESTER_PORT;

  const child = spawn(
    PLAYGROUND_BIN,
    args,
    {
      // Its own cwd: the Playground writes ./devTools/ and reads ./.m365agentsplayground.yml from cwd.
      cwd: workDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        TEAMSAPPTESTER_BROWSER: 'none', // otherwise it tries to open a browser, finds none and exits
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logPath,
      },
    },
  );
  running.add(child);
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    if (opts.verbose) process.stderr.write(`[playground] ${d}`);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));

  const output = () => {
    let log = '';
    try {
      log = fs.readFileSync(logPath, 'utf8');
    } catch {
      /* not written yet */
    }
    return `${out}${log ? `\n--- ${logPath} ---\n${log.slice(-20_000)}` : ''}`;
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const done = await Promise.race([exited.then(() => true), unrefSleep(5000).then(() => false)]);
    if (!done) {
      killGroup(child, 'SIGKILL');
      await Promise.race([exited, unrefSleep(2000)]);
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
    await botProxy?.close();
    await connectorProxy?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
    // It prints "Listening on <port>" (the real port, also after its own fallback) before it is ready.
    let port: number | undefined;
    while (port === undefined) {
      const m = /Listening on (\d+)/.exec(out);
      if (m) port = actualPort = Number(m[1]);
      else {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error('exited before listening');
        if (Date.now() > deadline) throw new Error('timed out waiting for "Listening on"');
        await sleep(50);
      }
    }
    const url = `http://localhost:${port}`;
    // "Listening" comes before the routes are mounted and before the config file is validated
    // (a bad config makes it exit right after printing it): wait for the page itself.
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('exited after listening (bad config file?)');
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (res.ok && (await res.text()).includes('<div id="root">')) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
      await sleep(100);
    }
    const playground: Playground = {
      url,
      port,
      serviceUrl: connectorProxy ? `http://localhost:${connectorProxy.port}/_connector` : `${url}/_connector`,
      connectorUrl: `${url}/_connector`,
      traffic: () => [...traffic],
      pid: child.pid!,
      config,
      workDir,
      output,
      stop,
    };
    if (record) gates.set(playground, gate);
    return playground;
  } catch (err) {
    const text = output();
    await stop();
    throw new Error(`Agents Playground did not start: ${(err as Error).message}\n${text}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The page asks a CDN for Segoe UI fonts; there is no network, so fail those lookups at once.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

export function openBrowser(opts: { headless?: boolean; args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: opts.headless ?? true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface SentMessage {
  /** The conversation the bot receives it in (a channel post gets its own `<channel>;messageid=<id>`). */
  conversationId: string;
  messageId: string;
  /** The acting user. */
  from: PlaygroundUser;
  /** Whether it went through the compose box (current user) or as a custom activity (other users). */
  via: 'ui' | 'customActivity';
  /** pg.traffic() length when it was sent: pass as `since` to waitForBotMessage to wait for the answer. */
  trafficMark: number;
}

interface PageState {
  pg: Playground;
  ownedContext?: BrowserContext;
  config: PlaygroundConfig;
  kind: ConversationKind;
  channelName: string;
  actingUser: PlaygroundUser;
  installed: Set<string>;
  /** Channel threads in the order they were created (newest last). */
  threads: { conversationId: string; text: string }[];
  personalChats: Map<string, string>;
  errors: string[];
}

const states = new WeakMap<Page, PageState>();
function state(page: Page): PageState {
  const s = states.get(page);
  if (!s) throw new Error('Not a Playground page: open it with openPlayground()');
  return s;
}

const COMPOSE = '[data-lexical-editor="true"]';
const SIDEBAR = '[role="region"][aria-label="Chat and Teams Channel"]';

/**
 * Opens the Playground in a fresh browser context (so every call starts with an empty chat view;
 * the Playground server keeps its own history but the page does not show it after a reload).
 * Waits until the compose box is there and the bot has been sent the installationUpdate and
 * conversationUpdate that every page load triggers for the personal chat. The log panel is hidden.
 */
export async function openPlayground(
  target: Browser | BrowserContext,
  pg: Playground,
  opts: { viewport?: { width: number; height: number }; timeoutMs?: number } = {},
): Promise<Page> {
  const timeout = opts.timeoutMs ?? 60_000; // the 9 MB page takes 4-5 s on an idle 2-core box, 25 s+ on a busy one
  const context =
    'newContext' in target ? await target.newContext({ viewport: opts.viewport ?? { width: 1400, height: 1000 } }) : target;
  const page = await context.newPage();
  const s: PageState = {
    pg,
    ownedContext: 'newContext' in target ? context : undefined,
    config: pg.config,
    kind: 'personal',
    channelName: 'General',
    actingUser: pg.config.currentUser,
    installed: new Set(),
    threads: [],
    personalChats: new Map([[pg.config.currentUser.id, pg.config.personalChatId]]),
    errors: [],
  };
  states.set(page, s);

  page.on('pageerror', (e) => s.errors.push(String(e)));
  page.on('console', (m) => {
    // The page's message saga logs what it drops, e.g. "Saga error Error: Invalid conversation id ...".
    if (m.type() === 'error' && !/Failed to load resource|cdn\.office\.net/.test(m.text())) s.errors.push(m.text().slice(0, 500));
  });
  page.on('response', (r) => {
    const m = /\/_debug\/conversation\/([^/]+)\/installation$/.exec(r.url());
    if (m && r.request().method() === 'POST') s.installed.add(decodeURIComponent(m[1]));
  });
  // The Playground's server honours `from.id` on card actions (invoke / submit): that is how another
  // user clicks a card. (It ignores it on typed messages; those go as custom activities instead.)
  await page.route(/\/_conversation\/v1\/(invoke|submit)$/, async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || s.actingUser.id === s.config.currentUser.id) return route.continue();
    const body = JSON.parse(req.postData() ?? '{}');
    body.from = { ...(body.from ?? {}), id: s.actingUser.id };
    return route.continue({ postData: JSON.stringify(body) });
  });

  await page.goto(pg.url, { timeout });
  await page.locator(COMPOSE).first().waitFor({ timeout });
  await waitUntil(() => s.installed.has(s.config.personalChatId), timeout, 'installationUpdate for the personal chat');
  const hideLog = page.getByTitle('Hide log panel');
  if (await hideLog.isVisible()) await hideLog.click();
  return page;
}

/** Close a page from openPlayground (and the browser context it made for it). */
export async function closePlayground(page: Page): Promise<void> {
  const s = states.get(page);
  await page.close().catch(() => undefined);
  await s?.ownedContext?.close().catch(() => undefined);
}

async function waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

function noteThread(s: PageState, conversationId: string, text: string): void {
  if (!conversationId.includes(';messageid=')) return;
  if (!s.threads.some((t) => t.conversationId === conversationId)) s.threads.push({ conversationId, text });
}

/** Errors the Playground page logged (uncaught errors, console.error): look here when a reply never shows. */
export function pageErrors(page: Page): string[] {
  return [...state(page).errors];
}

export function playgroundConfig(page: Page): PlaygroundConfig {
  return state(page).config;
}

/** All users of the mock tenant, current user first. */
export function allUsers(config: PlaygroundConfig): PlaygroundUser[] {
  return [config.currentUser, ...config.users];
}

function findUser(config: PlaygroundConfig, who: string): PlaygroundUser {
  const u = allUsers(config).find(
    (x) => x.name === who || x.id === who || x.aadObjectId === who || x.givenName === who || x.email === who,
  );
  if (!u) throw new Error(`No Playground user "${who}" (have: ${allUsers(config).map((x) => x.name).join(', ')})`);
  return u;
}

/** The user that sendMessage / card actions currently act as. */
export function actingUser(page: Page): PlaygroundUser {
  return state(page).actingUser;
}

/**
 * Act as another mock user (by name, id, aadObjectId, given name or e-mail) from now on.
 *
 * The Playground UI is always logged in as `currentUser` and has no account switcher. What this does:
 *  - card actions (Action.Execute / Action.Submit) clicked in the page are sent with the other
 *    user's `from.id`; the Playground server accepts that and the bot sees that user;
 *  - sendMessage() sends the text as a Playground custom activity from that user (the same thing
 *    "Mock an Activity > Custom activity" does). The bot's answer shows in the page, the user's own
 *    bubble does not. In `personal` the conversation is that user's own 1:1 chat with the bot, which
 *    the page cannot show: use waitForBotMessage() to see what the bot sent there.
 * The user must be a member of the conversation (everybody is in the group chat and the team).
 */
export function switchUser(page: Page, who: string): PlaygroundUser {
  const s = state(page);
  s.actingUser = findUser(s.config, who);
  return s.actingUser;
}

/** Conversation id the bot sees for `kind` (for a channel: the channel itself, not a thread). */
export function conversationId(page: Page, kind: ConversationKind = state(page).kind, channelName?: string): string {
  const s = state(page);
  if (kind === 'personal') return s.config.personalChatId;
  if (kind === 'groupChat') return s.config.groupChat.id;
  const name = channelName ?? s.channelName;
  if (name === 'General') return s.config.team.id;
  const ch = s.config.team.channels.find((c) => c.name === name);
  if (!ch) throw new Error(`No channel "${name}"`);
  return ch.id;
}

/**
 * Select the personal chat, the group chat or a team channel (default General) in the left rail.
 * The first time per page, the Playground sends the bot an installationUpdate + conversationUpdate
 * for that chat (for the team: for the first of its channels opened); this waits until the bot has
 * answered those.
 */
export async function switchConversation(
  page: Page,
  kind: ConversationKind,
  opts: { channel?: string; timeoutMs?: number } = {},
): Promise<void> {
  const s = state(page);
  const timeout = opts.timeoutMs ?? 15_000;
  const channel = opts.channel ?? 'General';
  const item =
    kind === 'personal'
      ? 'Personal Chat'
      : kind === 'groupChat'
        ? s.config.groupChat.name
        : `${s.config.team.name} - ${channel}`;
  await page.getByRole('treeitem', { name: item, exact: true }).click({ timeout });
  // The tree items expose no selected state; let the page render the switch (two frames) before going on.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
  s.kind = kind;
  if (kind === 'channel') s.channelName = channel;
  if (kind === 'channel') await newPostGroup(page).waitFor({ timeout });
  else await page.locator(COMPOSE).first().waitFor({ timeout });
  // Installation is per personal chat, group chat and *team*: only the first channel of the team opened
  // on a page triggers it (with that channel's id).
  const scope = kind === 'channel' ? [s.config.team.id, ...s.config.team.channels.map((c) => c.id)] : [conversationId(page, kind)];
  await waitUntil(() => scope.some((id) => s.installed.has(id)), timeout, `installationUpdate for ${kind} ${scope[0]}`);
}

export function currentConversation(page: Page): { kind: ConversationKind; channel?: string; id: string } {
  const s = state(page);
  return { kind: s.kind, channel: s.kind === 'channel' ? s.channelName : undefined, id: conversationId(page) };
}

const newPostGroup = (page: Page) =>
  page.getByRole('group').filter({ has: page.getByRole('button', { name: 'Post', exact: true }) });
const threadGroups = (page: Page) =>
  page
    .getByRole('group')
    .filter({ has: page.getByRole('button', { name: 'Send Message', exact: true }) })
    .filter({ hasNot: page.getByRole('button', { name: 'Post', exact: true }) });

export interface SendOptions {
  /**
   * Prefix `<at>BotName</at> `. Default: true in group chats and channels, where the Playground (like
   * Teams) only forwards messages that @mention the bot; false in the personal chat.
   */
  mention?: boolean;
  /**
   * Channels only. Omitted: start a new post (a new thread). `true`: reply in the newest thread.
   * A string: reply in the thread whose text contains it.
   */
  reply?: boolean | string;
  timeoutMs?: number;
}

/**
 * Send `text` into the selected conversation as the acting user. Multi-line text is kept: the text is
 * put into the compose box with fill() (Shift+Enter would make separate paragraphs, which the
 * Playground joins without any separator). Resolves when the Playground has accepted the message
 * (not when the bot has answered: use waitForText / waitForBotMessage / lastBotCard for that).
 */
export async function sendMessage(page: Page, text: string, opts: SendOptions = {}): Promise<SentMessage> {
  const s = state(page);
  const timeout = opts.timeoutMs ?? 15_000;
  const mention = opts.mention ?? s.kind !== 'personal';
  const full = mention ? `<at>${s.config.bot.name}</at> ${text}` : text;
  const mark = s.pg.traffic().length;

  if (s.actingUser.id !== s.config.currentUser.id) {
    const convId = await conversationForCustomMessage(page, opts);
    const id = await sendCustomActivity(page, messageActivity(s, convId, full, mention));
    return { conversationId: convId, messageId: id, from: s.actingUser, via: 'customActivity', trafficMark: mark };
  }

  let editor: Locator;
  let submit: () => Promise<void>;
  if (s.kind === 'channel' && !opts.reply) {
    const group = newPostGroup(page);
    editor = group.locator(COMPOSE);
    submit = () => group.getByRole('button', { name: 'Post', exact: true }).click({ timeout });
  } else if (s.kind === 'channel') {
    const thread =
      typeof opts.reply === 'string' ? threadGroups(page).filter({ hasText: opts.reply }).first() : threadGroups(page).first();
    editor = thread.locator(COMPOSE);
    submit = () => thread.getByRole('button', { name: 'Send Message', exact: true }).click({ timeout });
  } else {
    editor = page.locator(COMPOSE).first();
    submit = () => page.getByRole('button', { name: 'Send Message', exact: true }).click({ timeout });
  }
  await editor.fill(full, { timeout });
  const responseP = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(r.url()),
    { timeout },
  );
  const newPost = s.kind === 'channel' && !opts.reply;
  const gate = newPost ? gates.get(s.pg) : undefined;
  if (gate) gate.pending++;
  let body: any;
  let resUrl = '';
  try {
    await submit();
    const res = await responseP;
    resUrl = res.url();
    if (!res.ok()) throw new Error(`Playground refused the message: ${res.status()} ${await res.text()}`);
    body = await res.json();
    if (gate) {
      // Let the bot see the new post only once the page has registered it (see PostGate).
      const firstLine = text.split('\n').map((l) => l.trim()).find(Boolean);
      if (firstLine) await threadGroups(page).filter({ hasText: firstLine }).first().waitFor({ timeout }).catch(() => undefined);
    }
  } finally {
    releaseGate(gate);
  }
  const urlConv = decodeURIComponent(/\/conversations\/([^/]+)\/messages$/.exec(resUrl)![1]);
  const convId: string = body.postConversationId ?? urlConv;
  noteThread(s, convId, full);
  return { conversationId: convId, messageId: String(body.messageId), from: s.actingUser, via: 'ui', trafficMark: mark };
}

async function conversationForCustomMessage(page: Page, opts: SendOptions): Promise<string> {
  const s = state(page);
  if (s.kind === 'personal') return personalChatOf(page, s.actingUser);
  if (s.kind === 'groupChat') return s.config.groupChat.id;
  const channelId = conversationId(page);
  if (!opts.reply) return channelId; // no thread can be created this way: the bot sees the channel itself
  for (const t of s.pg.traffic()) {
    if (t.direction === 'fromBot' && t.conversationId) noteThread(s, t.conversationId, JSON.stringify(t.request ?? ''));
  }
  const inChannel = s.threads.filter((t) => t.conversationId.startsWith(`${channelId};messageid=`));
  const t =
    typeof opts.reply === 'string'
      ? inChannel.filter((x) => x.text.includes(opts.reply as string)).pop()
      : inChannel[inChannel.length - 1];
  if (!t) throw new Error(`No known thread to reply to in ${channelId}`);
  return t.conversationId;
}

/**
 * The 1:1 conversation between `user` and the bot. For the current user it is the configured
 * personal chat; for others the Playground creates (once, then returns the same id) a hidden one
 * via the connector's POST /v3/conversations, exactly like a bot sending a proactive message would.
 */
export async function personalChatOf(page: Page, user: PlaygroundUser | string): Promise<string> {
  const s = state(page);
  const u = typeof user === 'string' ? findUser(s.config, user) : user;
  const known = s.personalChats.get(u.id);
  if (known) return known;
  const res = await page.request.post(`${s.pg.connectorUrl}/v3/conversations`, {
    data: { isGroup: false, bot: s.config.bot, members: [{ id: u.id }], tenantId: s.config.tenantId },
  });
  if (!res.ok()) throw new Error(`createConversation failed: ${res.status()} ${await res.text()}`);
  const id: string = (await res.json()).id;
  s.personalChats.set(u.id, id);
  return id;
}

function messageActivity(s: PageState, convId: string, text: string, mention: boolean): Record<string, unknown> {
  const channelId = convId.split(';messageid=')[0];
  const isChannel = convId === s.config.team.id || channelId === s.config.team.id || s.config.team.channels.some((c) => c.id === channelId);
  const now = new Date().toISOString();
  return {
    type: 'message',
    text,
    textFormat: 'plain',
    conversationId: convId,
    from: { id: s.actingUser.id, name: s.actingUser.name, aadObjectId: s.actingUser.aadObjectId },
    localTimestamp: now.replace('Z', '+00:00'),
    localTimezone: 'UTC',
    locale: 'en-US',
    entities: [
      ...(mention
        ? [{ type: 'mention', mentioned: { id: s.config.bot.id, name: s.config.bot.name }, text: `<at>${s.config.bot.name}</at>` }]
        : []),
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'UTC' },
    ],
    channelData: {
      tenant: { id: s.config.tenantId },
      ...(isChannel
        ? { teamsChannelId: channelId, teamsTeamId: s.config.team.id, team: { id: s.config.team.id }, channel: { id: channelId } }
        : {}),
    },
  };
}

/**
 * Send any activity to the bot through the Playground ("Mock an Activity > Custom activity").
 * `activity.conversationId` (or `activity.conversation.id`) picks the conversation; the rest is merged
 * over the Playground's template for it (id, timestamp, serviceUrl, recipient, conversation, from =
 * current user). Returns the activity id. The Playground answers at once and delivers in the background.
 */
export async function sendCustomActivity(page: Page, activity: Record<string, any>): Promise<string> {
  const s = state(page);
  const { conversationId: cid, ...rest } = activity;
  const convId: string = cid ?? activity.conversation?.id ?? conversationId(page);
  const tplRes = await page.request.get(
    `${s.pg.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(convId)}`,
  );
  if (!tplRes.ok()) throw new Error(`No custom activity template for ${convId}: ${tplRes.status()} ${await tplRes.text()}`);
  const tpl = await tplRes.json();
  const merged = {
    ...tpl,
    ...rest,
    conversation: { ...tpl.conversation, ...(rest.conversation ?? {}) },
    id: rest.id ?? randomUUID(),
  };
  const res = await page.request.post(`${s.pg.url}/_internal/v1/customActivities`, { data: merged });
  if (!res.ok()) throw new Error(`Custom activity refused: ${res.status()} ${await res.text()}`);
  return merged.id;
}

// ---------------------------------------------------------------------------------------------
// Reading the page
// ---------------------------------------------------------------------------------------------

/*
 * Code that runs inside the page is kept as plain JavaScript strings: a function handed to
 * page.evaluate() is serialised with whatever helpers the test transpiler added (tsx/esbuild wrap
 * named functions in `__name(...)`, which does not exist in the page).
 */
const inPage = (fnSource: string, arg: unknown) => `(${fnSource})(${JSON.stringify(arg)})`;

const PANE_TEXT_JS = `({ compose, sidebar }) => {
  const editor = document.querySelector(compose);
  const side = document.querySelector(sidebar);
  if (!editor || !side) return '';
  let el = editor;
  while (el.parentElement && !el.parentElement.contains(side)) el = el.parentElement;
  return el.innerText;
}`;

/** The visible text of the conversation pane (not the left rail, not the log panel). */
export function chatText(page: Page): Promise<string> {
  return page.evaluate(inPage(PANE_TEXT_JS, { compose: COMPOSE, sidebar: SIDEBAR })) as Promise<string>;
}

/**
 * Wait until the conversation pane shows `text` (whitespace-insensitive substring, or a RegExp
 * tested against the pane's innerText). Only what the page shows: messages the bot sends to other
 * conversations are in waitForBotMessage().
 */
export async function waitForText(page: Page, text: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const norm = (x: string) => x.replace(/\s+/g, ' ').trim();
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = await chatText(page);
    if (typeof text === 'string' ? norm(last).includes(norm(text)) : text.test(last)) return;
    if (Date.now() > deadline) {
      const errs = states.get(page)?.errors.slice(-5) ?? [];
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${String(text)} in the chat. It shows:\n${last.slice(-3000)}` +
          (errs.length ? `\nPage errors:\n${errs.join('\n')}` : ''),
      );
    }
    await sleep(100);
  }
}

/** A message the bot sent (POST) or updated (PUT) through the connector API, from the recording. */
export interface BotMessage {
  seq: number;
  method: 'POST' | 'PUT';
  conversationId: string;
  /** Reply-to id (POST .../activities/{id}) or the updated activity's id (PUT). */
  activityId?: string;
  activity: any;
  text?: string;
  attachments: { contentType: string; content: any }[];
  status: number;
  /** The Playground's answer, e.g. { id } of the created message. */
  response: any;
}

function playgroundOf(x: Page | Playground): Playground {
  return 'traffic' in x ? x : state(x).pg;
}

/** Every activity the bot sent or updated (all conversations, including 1:1 chats the page cannot show). */
export function botMessages(target: Page | Playground): BotMessage[] {
  return playgroundOf(target)
    .traffic()
    .filter(
      (t) =>
        t.direction === 'fromBot' &&
        (t.method === 'POST' || t.method === 'PUT') &&
        /^\/v3\/conversations\/[^/]+\/activities/.test(t.path) &&
        t.request && typeof t.request === 'object',
    )
    .map((t) => ({
      seq: t.seq,
      method: t.method as 'POST' | 'PUT',
      conversationId: t.conversationId!,
      activityId: t.activityId,
      activity: t.request,
      text: t.request.text,
      attachments: t.request.attachments ?? [],
      status: t.status,
      response: t.response,
    }));
}

/** Every activity the Playground delivered to the bot (what the bot's /api/messages received). */
export function receivedActivities(target: Page | Playground): any[] {
  return playgroundOf(target)
    .traffic()
    .filter((t) => t.direction === 'toBot' && t.method === 'POST' && t.request && typeof t.request === 'object' && t.request.type)
    .map((t) => t.request);
}

export interface BotMessageMatch {
  conversationId?: string;
  /** Substring of the text or of the attachments' JSON, or a RegExp tested against both. */
  text?: string | RegExp;
  /** Only traffic at or after this position (e.g. SentMessage.trafficMark). */
  since?: number;
  /** Only 'typing' is excluded by default; pass a type to require it. */
  type?: string;
  method?: 'POST' | 'PUT';
}

/**
 * Wait until the bot has sent (or updated, with method 'PUT') a matching activity. Works from the
 * recording, so it sees 1:1 chats of other users, proactive messages and card updates.
 */
export async function waitForBotMessage(
  target: Page | Playground,
  match: BotMessageMatch = {},
  timeoutMs = 10_000,
): Promise<BotMessage> {
  const pg = playgroundOf(target);
  const ok = (m: BotMessage) => {
    if (match.since !== undefined && m.seq < match.since) return false;
    if (match.conversationId && m.conversationId !== match.conversationId) return false;
    if (match.method && m.method !== match.method) return false;
    if (match.type ? m.activity.type !== match.type : m.activity.type === 'typing') return false;
    if (match.text !== undefined) {
      const hay = `${m.text ?? ''}\n${JSON.stringify(m.attachments)}`;
      if (typeof match.text === 'string' ? !hay.includes(match.text) : !match.text.test(hay)) return false;
    }
    return true;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = botMessages(pg).find(ok);
    if (hit) return hit;
    if (Date.now() > deadline) {
      if (!pg.traffic().length) throw new Error('waitForBotMessage needs startPlayground({ record: true })');
      const seen = botMessages(pg)
        .slice(-10)
        .map((m) => `  ${m.method} ${m.conversationId}: ${m.text ?? ''}${m.attachments.length ? ` [${m.attachments.length} attachment(s)]` : ''}`)
        .join('\n');
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for bot message ${JSON.stringify({ ...match, text: match.text && String(match.text) })}. Last seen:\n${seen}`,
      );
    }
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------
// Adaptive Cards
// ---------------------------------------------------------------------------------------------

export interface CardQuery {
  /** Card text must contain this (substring of innerText) or match it. */
  containing?: string | RegExp;
  /** Card must have a button with exactly this title. */
  withButton?: string;
  /** Card must have an input with exactly this label. */
  withLabel?: string;
  timeoutMs?: number;
}

export interface ClickOptions extends Omit<CardQuery, 'withButton'> {
  /** How long after the click to wait for it to send something (default 3000 ms). Buttons that send nothing cost this much. */
  requestWaitMs?: number;
}

/**
 * Marks the newest card that matches (attribute data-pg-card=token); false if none. "Newest" = the
 * most recently created Playground message, read from the React props of the rendered message (so it
 * is right in channels too, where threads are listed newest first); falls back to document order.
 */
const MARK_LATEST_CARD_JS = `(args) => {
  const norm = (x) => String(x || '').replace(/\\s+/g, ' ').trim();
  const labelText = (l) => norm(l.innerText || l.textContent).replace(/\\s*\\*$/, '');
  const cards = Array.from(document.querySelectorAll('.ac-adaptiveCard'))
    .filter((c) => !(c.parentElement && c.parentElement.closest('.ac-adaptiveCard')));
  const order = (el, i) => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactFiber'));
    let f = key ? el[key] : undefined;
    for (let d = 0; f && d < 40; d++, f = f.return) {
      const msg = f.memoizedProps && f.memoizedProps.message;
      if (msg && typeof msg === 'object' && (msg.id !== undefined || msg.messageId !== undefined)) {
        const created = parseInt(String(msg.id !== undefined ? msg.id : msg.messageId), 10);
        return [Number.isFinite(created) ? created : Number(new Date(msg.timestamp)) || 0, i];
      }
    }
    return [0, i];
  };
  const candidates = cards
    .map((c, i) => ({ c, k: order(c, i) }))
    .filter(({ c }) => {
      const text = c.innerText || '';
      if (args.containing != null && !norm(text).includes(norm(args.containing))) return false;
      if (args.containingRe && !new RegExp(args.containingRe[0], args.containingRe[1]).test(text)) return false;
      if (args.withButton != null) {
        const has = Array.from(c.querySelectorAll('button')).some((b) =>
          b.getAttribute('aria-label') === args.withButton || b.getAttribute('title') === args.withButton || norm(b.textContent) === args.withButton);
        if (!has) return false;
      }
      if (args.withLabel != null && !Array.from(c.querySelectorAll('label')).some((l) => labelText(l) === args.withLabel)) return false;
      return true;
    })
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1]);
  const hit = candidates[candidates.length - 1];
  if (!hit) return false;
  document.querySelectorAll('[data-pg-card]').forEach((e) => e.removeAttribute('data-pg-card'));
  hit.c.setAttribute('data-pg-card', args.token);
  return true;
}`;

/** The `for` of the card's <label> whose text (minus a required "*") is exactly `label`. */
const LABEL_FOR_JS = `({ token, label }) => {
  const card = document.querySelector('[data-pg-card="' + token + '"]');
  if (!card) return null;
  const norm = (x) => String(x || '').replace(/\\s+/g, ' ').trim().replace(/\\s*\\*$/, '');
  const lab = Array.from(card.querySelectorAll('label')).find((x) => norm(x.innerText) === label);
  return lab ? lab.getAttribute('for') : null;
}`;

const CONTROL_INFO_JS = `(id) => {
  const e = document.getElementById(id);
  if (!e) return null;
  return { tag: e.tagName.toLowerCase(), type: e.type, role: e.getAttribute('role'), popup: e.getAttribute('aria-haspopup') };
}`;

/**
 * Locator of the newest Adaptive Card on the page that matches `q`; waits for one to appear.
 * The locator points at that rendered element: when the card is replaced (Action.Execute response,
 * bot update) call lastBotCard again.
 */
export async function lastBotCard(page: Page, q: CardQuery = {}): Promise<Locator> {
  const token = randomUUID();
  const timeout = q.timeoutMs ?? 10_000;
  const args = {
    token,
    containing: typeof q.containing === 'string' ? q.containing : undefined,
    containingRe: q.containing instanceof RegExp ? ([q.containing.source, q.containing.flags] as [string, string]) : undefined,
    withButton: q.withButton,
    withLabel: q.withLabel,
  };
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(inPage(MARK_LATEST_CARD_JS, args)))) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for an Adaptive Card ${JSON.stringify({ ...q, containing: String(q.containing) })}.\nChat shows:\n${(await chatText(page)).slice(-3000)}`);
    }
    await sleep(100);
  }
  return page.locator(`[data-pg-card="${token}"]`);
}

export interface CardActionResult {
  /** What the click sent: Action.Execute => 'invoke', Action.Submit => 'submit', anything else => 'none'. */
  kind: 'invoke' | 'submit' | 'none';
  status?: number;
  /** For invoke: what the Playground relays ({ type, value } of the bot's invoke response, statusCode dropped; 502 { code: "UserBotError" } if the bot failed). */
  body?: any;
  request?: any;
}

/**
 * Click the button `title` on the newest card that has it, as the acting user. For Action.Execute it
 * waits for the bot's invoke response (an `application/vnd.microsoft.card.adaptive` response replaces
 * the card in place; a `...activity.message` one shows as a banner under the card). For Action.Submit
 * it waits until the Playground accepted it. Nothing is sent (kind 'none') when required inputs are
 * empty, for Action.ShowCard / OpenUrl, and for an Action.Execute without `verb` (the Playground
 * silently ignores those; Teams would send them).
 */
export async function clickCardButton(page: Page, title: string, q: ClickOptions = {}): Promise<CardActionResult> {
  const timeout = q.timeoutMs ?? 15_000;
  const card = await lastBotCard(page, { ...q, withButton: title });
  const isAction = (r: Request) => r.method() === 'POST' && /\/_conversation\/v1\/(invoke|submit)$/.test(r.url());
  const reqP = page.waitForRequest(isAction, { timeout: q.requestWaitMs ?? 3000 }).catch(() => undefined);
  await card.getByRole('button', { name: title, exact: true }).first().click({ timeout });
  const req = await reqP;
  if (!req) return { kind: 'none' };
  const res = await req.response();
  const kind = req.url().endsWith('/invoke') ? 'invoke' : 'submit';
  let body: any;
  try {
    body = res ? await res.json() : undefined;
  } catch {
    body = undefined;
  }
  return { kind, status: res?.status(), body, request: req.postDataJSON() };
}

/**
 * Fill the input labelled `label` (the card's `label` property, without the required "*") on the
 * newest card that has it. Values by input type:
 *  Input.Text / Number: string (multi-line fine); Input.Date: 'YYYY-MM-DD'; Input.Time: 'HH:mm';
 *  Input.Toggle: boolean; Input.ChoiceSet: the choice *title* (string[] for isMultiSelect).
 */
export async function fillCardInput(
  page: Page,
  label: string,
  value: string | number | boolean | string[],
  q: Omit<CardQuery, 'withLabel'> = {},
): Promise<void> {
  const timeout = q.timeoutMs ?? 10_000;
  const card = await lastBotCard(page, { ...q, withLabel: label });
  const token = await card.getAttribute('data-pg-card');
  const forId = (await page.evaluate(inPage(LABEL_FOR_JS, { token, label }))) as string | null;
  if (!forId) throw new Error(`Card input "${label}" has no associated control`);
  const input = card.locator(`[id="${forId}"]`);
  const info = (await page.evaluate(inPage(CONTROL_INFO_JS, forId))) as {
    tag: string;
    type: string;
    role: string | null;
    popup: string | null;
  } | null;
  if (!info) throw new Error(`Card input "${label}": control #${forId} not found`);

  if (info.type === 'checkbox') {
    await input.setChecked(value === true || value === 'true', { timeout });
    return;
  }
  if (info.role === 'radiogroup') {
    const v = String(value);
    const byLabel = input.getByLabel(v, { exact: true });
    if (await byLabel.count()) await byLabel.check({ timeout });
    else await input.locator(`input[type="radio"][value="${v}"]`).check({ timeout });
    return;
  }
  if (info.role === 'combobox' && info.popup === 'dialog') {
    // Input.Date (Fluent DatePicker): typed ISO dates are parsed; Enter commits, Escape closes the calendar.
    await input.fill(String(value), { timeout });
    await input.press('Enter');
    await page.keyboard.press('Escape');
    return;
  }
  if (info.role === 'combobox') {
    // Input.ChoiceSet (compact / multi-select) or Input.Time: open it and pick the option(s) by title.
    const wanted = Array.isArray(value) ? value.map(String) : [String(value)];
    await input.click({ timeout });
    const listId = await input.getAttribute('aria-controls');
    const list = listId ? page.locator(`[id="${listId}"]`) : undefined;
    if (list) await list.waitFor({ timeout: 2000 }).catch(() => undefined);
    const option = (t: string) =>
      (list ?? page).locator('[role="option"], [role="menuitemcheckbox"]').filter({ hasText: new RegExp(`^\\s*${escapeRe(t)}\\s*$`) });
    if (list && (await list.count()) && (await option(wanted[0]).count())) {
      const multi = (await list.locator('[role="menuitemcheckbox"]').count()) > 0;
      if (multi) {
        // The submitted value lists choices in the order they were ticked: untick all, then tick in `value` order.
        const all = list.locator('[role="menuitemcheckbox"]');
        for (let i = 0; i < (await all.count()); i++) {
          if ((await all.nth(i).getAttribute('aria-checked')) === 'true') await all.nth(i).click({ timeout });
        }
        for (const t of wanted) await option(t).first().click({ timeout });
      } else {
        await option(wanted[0]).first().click({ timeout });
      }
      if (await list.isVisible()) await page.keyboard.press('Escape');
      return;
    }
    // Not a listed choice: Input.Time takes typed 24h times ("14:30").
    if (list && (await list.isVisible())) await page.keyboard.press('Escape');
    await input.fill(wanted[0], { timeout });
    await input.press('Enter');
    await page.keyboard.press('Escape');
    return;
  }
  await input.fill(String(value), { timeout });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
