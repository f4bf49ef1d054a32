import net from 'node:net';
import zlib from 'node:zlib';
import { TestBot, groupChat, person } from '../support/bot';

/**
 * What an unauthenticated stranger can send to the bot's HTTP port. Nothing a request carries may
 * end the process (the bot runs inside this test process: an unhandled 'error' fails the suite).
 */
const maria = person('Maria Lind');
const conv = groupChat('hostile');
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start();
});
afterAll(async () => {
  await bot.stop();
});

/** One raw HTTP/1.1 request over a socket: what a client sends, byte for byte, and the status line back (or none). */
function raw(head: string[], body: Buffer | string = '', opts: { endEarly?: boolean; waitMs?: number } = {}): Promise<{ status?: number; text: string }> {
  const { port } = new URL(bot.paragraf.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => socket.destroy(), opts.waitMs ?? 5000);
    const done = () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text });
    };
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.write([...head, 'Host: 127.0.0.1', 'Connection: close', '', ''].join('\r\n'));
    socket.write(body, () => {
      // A truncated upload: the client goes away before the length it announced.
      if (opts.endEarly) setTimeout(() => socket.destroy(), 50);
    });
  });
}

const post = (headers: string[], body: Buffer | string, opts?: { endEarly?: boolean; waitMs?: number }) =>
  raw(['POST /api/messages HTTP/1.1', ...headers], body, opts);

const activityJson = () => JSON.stringify(bot.activity(maria, conv, { type: 'message', text: 'hjälp' }));

async function stillServing(): Promise<void> {
  const health = await fetch(`${bot.paragraf.url}/healthz`);
  expect(health.status).toBe(200);
  const ex = await bot.say(maria, conv, 'hjälp');
  expect(ex.status).toBe(200);
  expect(ex.cards).toHaveLength(1);
}

describe('request bodies an attacker controls', () => {
  test('a gzip body that is not gzip is refused with 415 and the process lives on', async () => {
    const res = await post(['Content-Type: application/json', 'Content-Encoding: gzip', 'Content-Length: 12'], 'not gzip at!');
    expect(res.status).toBe(415);
    await stillServing();
  });

  test('a gzip bomb is refused before it is inflated', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)); // 20 MB of spaces in about 20 KB
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const res = await post(['Content-Type: application/json', 'Content-Encoding: gzip', `Content-Length: ${bomb.length}`], bomb);
    expect(res.status).toBe(415);
    expect(res.text).not.toMatch(/Z_DATA_ERROR|zlib|at .*\.js:\d+/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10 * 1024 * 1024);
    await stillServing();
  });

  test.each(['deflate', 'br', 'x-gzip', 'GZIP', 'gzip, identity'])('Content-Encoding %s is refused with 415', async (encoding) => {
    const body = zlib.deflateSync(activityJson());
    const res = await post(['Content-Type: application/json', `Content-Encoding: ${encoding}`, `Content-Length: ${body.length}`], body);
    expect(res.status).toBe(415);
    await stillServing();
  });

  test('Content-Encoding identity is what no encoding is: the activity is handled', async () => {
    const body = Buffer.from(activityJson());
    const res = await post(['Content-Type: application/json', 'Content-Encoding: identity', `Content-Length: ${body.length}`], body);
    expect(res.status).toBe(200);
  });

  test('a truncated upload (the client leaves before the announced length) ends nothing', async () => {
    const body = Buffer.from(activityJson());
    const res = await post(['Content-Type: application/json', `Content-Length: ${body.length + 500}`], body, { endEarly: true });
    expect(res.status).toBeUndefined();
    await stillServing();
  });

  test('an aborted chunked upload ends nothing', async () => {
    const res = await post(['Content-Type: application/json', 'Transfer-Encoding: chunked'], '10\r\n{"type":"messag', { endEarly: true });
    expect(res.status).toBeUndefined();
    await stillServing();
  });

  test('invalid JSON is refused with 400 and no parser internals', async () => {
    const body = '{"type":"message", "text": ';
    const res = await post(['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`], body);
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.js:\d+|SyntaxError/);
    await stillServing();
  });

  test('a body over 1 MB is refused with 413, announced or streamed', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const announced = await post(['Content-Type: application/json', `Content-Length: ${big.length}`], big);
    expect(announced.status).toBe(413);
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const streamed = await post(['Content-Type: application/json', 'Transfer-Encoding: chunked'], Buffer.concat([chunk(big), Buffer.from('0\r\n\r\n')]));
    expect(streamed.status).toBe(413);
    await stillServing();
  });

  test('a body that is not JSON is refused with 415', async () => {
    const body = 'type=message&text=hj%C3%A4lp';
    const res = await post(['Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`], body);
    expect(res.status).toBe(415);
    await stillServing();
  });

  test('the same refusals hold on every route, not only /api/messages', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(1024 * 1024));
    for (const path of ['/healthz', '/tab/arendelogg', '/nowhere']) {
      const res = await raw([`POST ${path} HTTP/1.1`, 'Content-Type: application/json', 'Content-Encoding: gzip', `Content-Length: ${bomb.length}`], bomb);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      // And a truncated upload to the same route: the stream error it causes concerns that request only.
      const cut = await raw([`POST ${path} HTTP/1.1`, 'Content-Type: application/json', 'Content-Length: 100000'], '{"type":', { endEarly: true });
      expect(cut.status === undefined || cut.status < 500).toBe(true);
      const refusedThenCut = await raw([`POST ${path} HTTP/1.1`, 'Content-Type: application/json', 'Content-Encoding: gzip', 'Content-Length: 100000'], bomb.subarray(0, 5000), { endEarly: true });
      expect(refusedThenCut.status === undefined || refusedThenCut.status < 500).toBe(true);
    }
    await new Promise((r) => setTimeout(r, 200));
    await stillServing();
  });
});

describe('activities with fields of the wrong type', () => {
  const logLines: any[] = [];
  let logged: TestBot;
  beforeAll(async () => {
    logged = await TestBot.start({ logStream: { write: (line: string) => void logLines.push(JSON.parse(line)) } });
  });
  afterAll(async () => {
    await logged.stop();
  });

  const wrong: unknown[] = [{ a: 1 }, [1, 2], 42, true];
  const fields = ['text', 'textFormat', 'locale', 'replyToId', 'name', 'timestamp', 'entities', 'attachments', 'channelData', 'recipient', 'value', 'membersAdded'];

  test('text as an object is refused as bad input (400, named), not a failed handler', async () => {
    const before = logLines.length;
    const ex = await logged.post(logged.activity(maria, conv, { type: 'message', text: { a: 1 } }));
    expect(ex.status).toBe(400);
    expect(ex.body).toEqual({ error: 'activity.text must be a string' });
    expect(ex.sent).toEqual([]);
    expect(logLines.slice(before).filter((l) => l.level >= 50)).toEqual([]);
  });

  test.each(fields)('a message whose %s has the wrong type never fails a handler or answers 5xx', async (field) => {
    for (const value of wrong) {
      const before = logLines.length;
      const ex = await logged.post(logged.activity(maria, conv, { type: 'message', text: 'hjälp', [field]: value }));
      expect(ex.status).toBeLessThan(500);
      // Either refused as malformed, or handled as what it is (a value on a message is Teams' messageBack).
      if (ex.status === 400) expect(ex.body.error).toMatch(new RegExp(`^activity\\.${field}`));
      else expect(ex.cards.length + ex.texts.length).toBeGreaterThan(0);
      const failures = logLines.slice(before).filter((l) => l.level >= 50 || /handler failed|unhandled turn error/.test(l.msg));
      expect({ field, value, failures }).toEqual({ field, value, failures: [] });
    }
  });

  test('nested fields of the wrong type (a mention, an attachment, the tenant) are refused or handled, never a failed handler', async () => {
    const odd: Record<string, unknown>[] = [
      { entities: [{ type: 'mention', mentioned: 1, text: { a: 1 } }] },
      { entities: [{ type: 'mention', mentioned: { id: ['28:paragraf'] }, text: '<at>Paragraf</at>' }] },
      { entities: [{ type: 'mention', mentioned: { id: '28:paragraf', name: 'Paragraf' }, text: 7 }] },
      { attachments: [{ contentType: 5, content: 'x' }] },
      { channelData: { tenant: { id: { a: 1 } } } },
      { channelData: { tenant: 'x' } },
      { from: { id: `29:${maria.aadObjectId}`, aadObjectId: { a: 1 }, name: maria.name } },
      { conversation: { id: conv.id, conversationType: 5 } },
    ];
    for (const extra of odd) {
      const before = logLines.length;
      const ex = await logged.post(logged.activity(maria, conv, { type: 'message', text: '<at>Paragraf</at> hjälp', ...extra }));
      expect(ex.status).toBeLessThan(500);
      const failures = logLines.slice(before).filter((l) => l.level >= 50 || /handler failed|unhandled turn error/.test(l.msg));
      expect({ extra, failures }).toEqual({ extra, failures: [] });
    }
  });

  test('a card action whose value is not an object is answered in Swedish', async () => {
    for (const value of ['x', 42, [1]]) {
      const ex = await logged.post(logged.activity(maria, conv, { type: 'invoke', name: 'adaptiveCard/action', value }));
      expect(ex.status).toBeLessThan(500);
      expect(JSON.stringify(ex.body ?? '')).not.toMatch(/at .*\.js:\d+|TypeError/);
    }
  });
});
