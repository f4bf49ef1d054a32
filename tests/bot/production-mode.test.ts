import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from '../../src/config';
import { DEV_AUDIT_KEY } from '../../src/domain/audit-chain';
import { startParagraf } from '../../src/paragraf';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/azurite';
import { TestBot, groupChat, person, PRODUCTION_ENV, TENANT } from '../support/bot';

const maria = person('Maria Lind');
/** Everything production mode requires except storage, which each test supplies (an Azurite standing in for the Storage account). */
const production = PRODUCTION_ENV;

describe('production mode (bot credentials set)', () => {
  let bot: TestBot;
  const logLines: any[] = [];
  let storage: EmbeddedAzurite;
  let quiet: jest.SpyInstance;
  beforeAll(async () => {
    // CloudAdapter prints each refused token's AuthenticationError with console.error; keep the test output readable.
    quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    storage = await startEmbeddedAzurite({ inMemory: true, port: 0 });
    bot = await TestBot.start({ env: { ...production, AZURE_TABLES_CONNECTION_STRING: storage.connectionString }, logStream: { write: (line: string) => void logLines.push(JSON.parse(line)) } });
  });
  afterAll(async () => {
    quiet.mockRestore();
    await bot.stop();
    await storage.close();
  });

  test('it runs in production mode and listens on all interfaces', async () => {
    expect(bot.paragraf.config.localMode).toBe(false);
    const address = bot.paragraf.http.server.address() as AddressInfo;
    expect(['0.0.0.0', '::']).toContain(address.address);
  });

  test('an unsigned activity gets 401, the handler never runs, and nothing is sent or stored', async () => {
    const conv = groupChat('unsigned');
    const ex = await bot.say(maria, conv, 'hjälp');
    expect(ex.status).toBe(401);
    expect(ex.sent).toEqual([]);
    expect(await bot.services.conversations.get(conv.id)).toBeUndefined();
  });

  test('a forged bearer token gets 401 too', async () => {
    const res = await fetch(`${bot.paragraf.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl' },
      body: JSON.stringify(bot.activity(maria, groupChat('forged'), { type: 'message', text: 'hjälp' })),
    });
    expect(res.status).toBe(401);
  });

  test('a forged RS256 token, whose signing keys cannot be fetched, gets 401 with no internal detail; the log has the cause', async () => {
    // Header and claims as Bot Framework's tokens have them: the check must fetch signing keys to go on,
    // which fails here (no network: ENOTFOUND login.botframework.com) or finds no such key.
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'RS256', kid: 'forged-key', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: production.MicrosoftAppId, exp: Math.floor(Date.now() / 1000) + 600, nbf: Math.floor(Date.now() / 1000) - 60, serviceurl: bot.connector.url })}.c2lnbmF0dXJl`;
    const lines: any[] = [];
    const before = logLines.length;
    const res = await fetch(`${bot.paragraf.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(bot.activity(maria, groupChat('forged-rs256'), { type: 'message', text: 'hjälp' })),
    });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(text).not.toMatch(/ENOTFOUND|botframework\.com|getaddrinfo|Error|at .*\.js:\d+/);
    lines.push(...logLines.slice(before));
    const refused = lines.find((l) => l.msg === 'activity refused: authentication failed');
    expect(refused?.cause).toEqual(expect.any(String));
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  test('a conversation from another tenant is refused before the adapter', async () => {
    const activity = bot.activity(maria, groupChat('other-tenant'), { type: 'message', text: 'hjälp' });
    for (const other of [
      { ...activity, conversation: { ...(activity.conversation as object), tenantId: 'another-tenant' }, channelData: { tenant: { id: 'another-tenant' } } },
      { ...activity, conversation: { id: '19:x@thread.v2', conversationType: 'groupChat' }, channelData: { tenant: { id: 'another-tenant' } } },
    ]) {
      const ex = await bot.post(other);
      expect(ex.status).toBe(403);
      expect(ex.sent).toEqual([]);
    }
  });

  test('healthz reports production mode', async () => {
    const res = await fetch(`${bot.paragraf.url}/healthz`);
    expect(await res.json()).toMatchObject({ mode: 'production', storage: true });
  });

  test('it keeps its data in the configured account, not in an embedded emulator, and links to its public URL', () => {
    expect(bot.paragraf.azurite).toBeUndefined();
    expect(bot.paragraf.config.publicUrl).toBe(production.PARAGRAF_PUBLIC_URL);
  });
});

describe('production mode refuses to start without what it cannot run without', () => {
  const storage = { AZURE_TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
  test.each([
    ['no storage account: it would run on the embedded emulator', { ...production }, 'AZURE_TABLES_CONNECTION_STRING'],
    ['no public URL: links would point at 127.0.0.1', { ...production, ...storage, PARAGRAF_PUBLIC_URL: '' }, 'PARAGRAF_PUBLIC_URL'],
    ['no link secret', { ...production, ...storage, PARAGRAF_LINK_SECRET: '' }, 'PARAGRAF_LINK_SECRET'],
    ['a link secret of one character', { ...production, ...storage, PARAGRAF_LINK_SECRET: 'x' }, 'PARAGRAF_LINK_SECRET'],
    ['a link secret of 31 characters', { ...production, ...storage, PARAGRAF_LINK_SECRET: 'x'.repeat(31) }, 'PARAGRAF_LINK_SECRET'],
  ])('%s', async (_name, env, variable) => {
    // inMemoryStorage is what tests and `npm run load` pass: even then production must not fall back to Azurite.
    const start = startParagraf({ env: { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: 'silent', ...env }, inMemoryStorage: true });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(new RegExp(`^\\s+${variable}:`, 'm'));
  });

  test('every missing requirement is named at once', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'x', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' })).toThrow(
      /AZURE_TABLES_CONNECTION_STRING:[\s\S]*PARAGRAF_PUBLIC_URL:[\s\S]*PARAGRAF_LINK_SECRET:.*minst 32 tecken/,
    );
  });

  test('a managed-identity account URL is storage enough, and 32 characters secret enough', () => {
    const config = loadConfig({ ...production, AZURE_TABLES_ACCOUNT_URL: 'https://konto.table.core.windows.net', PARAGRAF_LINK_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ localMode: false, publicUrl: production.PARAGRAF_PUBLIC_URL });
  });

  test('local mode keeps its defaults: no storage, no public URL, any link secret', () => {
    expect(loadConfig({ PARAGRAF_LINK_SECRET: 'x' })).toMatchObject({ localMode: true, linkSecret: 'x' });
  });
});

describe('local mode (no credentials)', () => {
  test('listens on 127.0.0.1 only', async () => {
    const bot = await TestBot.start();
    try {
      expect(bot.paragraf.config.localMode).toBe(true);
      expect((bot.paragraf.http.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(bot.paragraf.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await bot.stop();
    }
  });
});

describe('configuration is validated at start-up and names the variable', () => {
  const fails = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('loadConfig accepted a bad configuration');
  };

  test.each([
    ['a PORT that is not a number', { PORT: 'abc' }, 'PORT'],
    ['a PORT out of range', { PORT: '70000' }, 'PORT'],
    ['MicrosoftAppId without a password', { MicrosoftAppId: 'x', MicrosoftAppTenantId: 't', PARAGRAF_LINK_SECRET: 's' }, 'MicrosoftAppPassword'],
    ['MicrosoftAppId without a tenant', { MicrosoftAppId: 'x', MicrosoftAppPassword: 'p', PARAGRAF_LINK_SECRET: 's' }, 'MicrosoftAppTenantId'],
    ['a password without MicrosoftAppId', { MicrosoftAppPassword: 'p' }, 'MicrosoftAppId'],
    ['production without a link secret', { MicrosoftAppId: 'x', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' }, 'PARAGRAF_LINK_SECRET'],
    ['production without an audit key', { MicrosoftAppId: 'x', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't', PARAGRAF_LINK_SECRET: 's' }, 'PARAGRAF_AUDIT_KEY'],
    ['an audit key shorter than 32 characters', { PARAGRAF_AUDIT_KEY: 'kort-nyckel' }, 'PARAGRAF_AUDIT_KEY'],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['an account URL that is not a URL', { AZURE_TABLES_ACCOUNT_URL: 'nope' }, 'AZURE_TABLES_ACCOUNT_URL'],
  ])('%s stops the start', (_name, env, variable) => {
    expect(fails(env)).toMatch(new RegExp(`^\\s+${variable}:`, 'm'));
  });

  test('startParagraf refuses to start with a bad PORT', async () => {
    await expect(startParagraf({ env: { PORT: 'abc' }, inMemoryStorage: true })).rejects.toThrow(/PORT/);
  });

  test('a good configuration loads, with defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ localMode: true, host: '127.0.0.1', port: 3978, auditKey: DEV_AUDIT_KEY });
  });
});
