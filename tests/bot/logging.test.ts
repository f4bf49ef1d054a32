import { startParagraf, type Paragraf } from '../../src/paragraf';
import { createLogger } from '../../src/log';
import { startEmbeddedAzurite } from '../../src/storage/azurite';
import { TestBot, groupChat, person, TENANT } from '../support/bot';
import { FakeConnector } from '../support/connector';

const SECRET_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.hemlig-token-123.signatur';
const maria = person('Maria Lind');

/** A pino destination that keeps every line, parsed. */
function capture(): { write(line: string): void; lines: any[]; raw: string[] } {
  const raw: string[] = [];
  const lines: any[] = [];
  return {
    raw,
    lines,
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line));
    },
  };
}

async function post(url: string, activity: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET_TOKEN}`, 'x-ms-conversation-id': 'x' },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

describe('local mode, everything logged (trace)', () => {
  const out = capture();
  let paragraf: Paragraf;
  let connector: FakeConnector;
  let bot: TestBot;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    paragraf = await startParagraf({ env: { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: 'trace' }, inMemoryStorage: true, logStream: out });
    bot = new TestBot(paragraf, connector);
  });
  afterAll(async () => {
    await paragraf.close();
    await connector.stop();
  });

  test('each activity is logged with its request id, and no token or Authorization header appears', async () => {
    const conv = groupChat('logging');
    const activities = [
      bot.activity(maria, conv, { type: 'message', text: 'hjälp' }),
      bot.activity(maria, conv, { type: 'message', text: 'organ' }), // refused: no body yet
      bot.activity(maria, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'finns.inte', data: { token: SECRET_TOKEN } } } }),
    ];
    for (const a of activities) expect(await post(paragraf.url, a)).toBeLessThan(500);
    expect(await post(paragraf.url, { type: 'message', text: SECRET_TOKEN })).toBe(400); // malformed: logged too

    for (const a of activities) {
      const about = out.lines.filter((l) => l.requestId === a.id);
      expect(about.some((l) => l.msg === 'activity handled' && l.status === 200 && typeof l.ms === 'number')).toBe(true);
    }
    expect(out.lines.some((l) => l.requestId === activities[1].id && l.msg === 'refused')).toBe(true);
    expect(out.lines.some((l) => l.msg === 'activity handled' && l.status === 400)).toBe(true);

    const all = out.raw.join('');
    expect(all).not.toMatch(/bearer/i);
    expect(all).not.toContain(SECRET_TOKEN);
    expect(all).not.toContain('hemlig-token');
    expect(all).not.toMatch(/"authorization"\s*:\s*"(?!\[redacted\])/i);
    // Structured: every line is JSON with a level and a time.
    for (const l of out.lines) expect(l).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) }));
  });
});

describe('production mode', () => {
  test('a refused token is logged neither by Paragraf nor by the adapter', async () => {
    const out = capture();
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' ')));
    const storage = await startEmbeddedAzurite({ inMemory: true, port: 0 });
    const paragraf = await startParagraf({
      env: { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: 'trace', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'app-password-hemlig', MicrosoftAppTenantId: TENANT, PARAGRAF_LINK_SECRET: 'link-secret-hemlig-av-minst-32-tecken', PARAGRAF_AUDIT_KEY: 'audit-key-hemlig-audit-key-hemlig-0123', PARAGRAF_PUBLIC_URL: 'https://paragraf.example.se', AZURE_TABLES_CONNECTION_STRING: storage.connectionString },
      logStream: out,
      startScheduler: false,
    });
    try {
      const bot = new TestBot(paragraf, { url: 'https://smba.trafficmanager.net/emea/' } as FakeConnector);
      const activity = bot.activity(maria, groupChat('prod-logging'), { type: 'message', text: 'hjälp' });
      expect(await post(paragraf.url, activity)).toBe(401);
      const all = out.raw.join('') + printed.join('\n');
      expect(out.lines.some((l) => l.requestId === activity.id && l.status === 401)).toBe(true);
      for (const secret of [SECRET_TOKEN, 'hemlig-token', 'app-password-hemlig', 'link-secret-hemlig-av-minst-32-tecken', 'audit-key-hemlig']) expect(all).not.toContain(secret);
      expect(all).not.toMatch(/bearer/i);
    } finally {
      spy.mockRestore();
      await paragraf.close();
      await storage.close();
    }
  });
});

test('the logger replaces secrets wherever they are put in a log object', () => {
  const out = capture();
  const log = createLogger('info', out);
  log.info({ req: { headers: { authorization: `Bearer ${SECRET_TOKEN}` } }, headers: { authorization: 'Bearer x' }, authorization: 'Bearer y', ctx: { token: SECRET_TOKEN, connectionString: 'AccountKey=abc' } }, 'test');
  const all = out.raw.join('');
  expect(all).not.toMatch(/bearer/i);
  expect(all).not.toContain(SECRET_TOKEN);
  expect(all).not.toContain('AccountKey=abc');
  expect(out.lines[0].req.headers.authorization).toBe('[redacted]');
});
