import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { FakeEntra, type TokenOptions } from '../support/entra';
import { TestBot, groupChat, person } from '../support/bot';
import { makeBody, makeMeeting, item, saveMeeting } from '../support/case-fixtures';
import { issueDevToken } from '../../src/http/tab/dev-token';

/**
 * The tab's single sign-on: tokens are checked against Entra ID's published keys. Here the keys are
 * served by a local JWKS server that PARAGRAF_ENTRA_LOGIN_URL points at; the bot runs in production mode.
 */

const TENANT = 'f0e1d2c3-0000-4000-8000-00000000a11a';
const APP_ID = '00000000-1111-2222-3333-444444444444';
const DOMAIN = 'paragraf.example.se';
const AUDIENCE = `api://${DOMAIN}/${APP_ID}`;
const now = new Date('2021-12-17T09:00:00Z');
const nowSec = Math.floor(now.getTime() / 1000);

const maria = person('Maria Lind');
const anna = person('Anna Berg');
const bo = person('Bo Ek');
const stranger = person('Sven Utanför');

let entra: FakeEntra;
let base: string;
let otherKey: CryptoKey;
let bot: TestBot;
let samrad: string;
let valfard: string;

/** Production mode for this app and tenant, its tokens checked at `entraUrl` (a stand-in for Entra ID). */
function productionEnv(entraUrl: string): Record<string, string> {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: TENANT,
    PARAGRAF_LINK_SECRET: 'test-link-secret-of-32-characters',
    PARAGRAF_AUDIT_KEY: 'test-audit-key-at-least-32-characters-long',
    PARAGRAF_PUBLIC_URL: `https://${DOMAIN}`,
    PARAGRAF_ENTRA_LOGIN_URL: entraUrl,
  };
}

beforeAll(async () => {
  entra = await FakeEntra.start({ tenant: TENANT, audience: AUDIENCE, clock: () => now });
  base = entra.url;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  bot = await TestBot.start({
    clock: () => now,
    env: productionEnv(base),
  });
  const a = await makeBody(bot.services, groupChat('sso-a'), { secretary: maria, members: [anna] });
  const b = await makeBody(bot.services, groupChat('sso-b'), { name: 'Välfärdsrådet', secretary: maria, members: [bo] });
  samrad = a.id;
  valfard = b.id;
  const m = await makeMeeting(bot.services, a, '2021-11-19T09:00', [
    item(42, 'Godkännande av föredragningslistan'),
    item(43, 'Yttrande över remiss', { immediateJustering: { approvals: [{ memberId: 'r0', at: '2021-11-19T10:00:00.000Z' }], locked: true } }),
  ]);
  const markdown = '# Protokoll\n\n§ 42 Godkännande av föredragningslistan\n';
  await saveMeeting(bot.services, { ...m, status: 'protokollutkast', protocol: [{ version: 1, createdAt: now.toISOString(), markdown, contentHash: 'x', approvals: [], changeRequests: [] }] });
});
afterAll(async () => {
  await bot?.stop();
  await entra?.stop();
});

const mint = (who = anna, claims: JWTPayload = {}, opts: TokenOptions = {}) => entra.token(who, claims, opts);

async function overview(token?: string, query = ''): Promise<{ status: number; body: any }> {
  const res = await fetch(`${bot.paragraf.url}/tab/api/overview${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

const names = (body: any) => body.bodies.map((b: any) => b.name);

test('a valid Teams token (v1 issuer, Application ID URI audience) gives the person’s own bodies', async () => {
  const res = await overview(await mint(anna));
  expect(res.status).toBe(200);
  expect(res.body.person).toEqual({ name: 'Anna Berg' });
  expect(names(res.body)).toEqual(['Samråd vård och omsorg']);
  const archive = res.body.bodies[0].meetings;
  expect(archive).toHaveLength(1);
  expect(archive[0].when).toBe('fredag 19 november 2021 kl. 09.00');
  expect(archive[0].protocol).toEqual([expect.objectContaining({ version: 1, state: 'utkast' })]);
  // The archive's links are the signed document links the cards use: they open without a token.
  const md = new URL(archive[0].protocol[0].md);
  expect(md.origin).toBe(`https://${DOMAIN}`);
  const doc = await fetch(`${bot.paragraf.url}${md.pathname}${md.search}`);
  expect(doc.status).toBe(200);
  expect(await doc.text()).toContain('§ 42 Godkännande av föredragningslistan');
  // A § justerad at once has its own protokollsutdrag.
  expect(archive[0].excerpts).toEqual([expect.objectContaining({ paragraph: 43, title: 'Yttrande över remiss' })]);
  const excerpt = new URL(archive[0].excerpts[0].md);
  const excerptDoc = await fetch(`${bot.paragraf.url}${excerpt.pathname}${excerpt.search}`);
  expect(excerptDoc.status).toBe(200);
  expect(await excerptDoc.text()).toContain('Yttrande över remiss');
  expect(res.body.bodies[0].arendeloggUrl).toMatch(new RegExp(`^https://${DOMAIN.replace(/\./g, '\\.')}/tab/arendelogg\\?body=${samrad}&exp=\\d+&sig=`));
});

test('a v2 token (login.microsoftonline.com issuer, app id audience) is accepted too', async () => {
  const res = await overview(await mint(maria, {}, { iss: `${base}/${TENANT}/v2.0`, aud: APP_ID }));
  expect(res.status).toBe(200);
  expect(names(res.body)).toEqual(['Samråd vård och omsorg', 'Välfärdsrådet']);
});

test('a person sees only the bodies they are linked in', async () => {
  expect(names((await overview(await mint(bo))).body)).toEqual(['Välfärdsrådet']);
  expect((await overview(await mint(stranger))).body.bodies).toEqual([]);
  // Asking for another body by id is refused, with a Swedish reason.
  const other = await overview(await mint(anna), `?body=${valfard}`);
  expect(other.status).toBe(403);
  expect(other.body.error).toMatch(/inte kopplad till det här organets ledamotslista/);
  const panel = await fetch(`${bot.paragraf.url}/tab/api/panel?body=${valfard}`, { headers: { Authorization: `Bearer ${await mint(anna)}` } });
  expect(panel.status).toBe(403);
  expect((await overview(await mint(anna), `?body=${samrad}`)).status).toBe(200);
});

describe('refused tokens get 401 and no data', () => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  test.each<[string, () => Promise<string>]>([
    ['no token', async () => ''],
    ['a wrong audience', () => mint(anna, {}, { aud: `api://annan.example.se/${APP_ID}` })],
    ['another app’s id as audience', () => mint(anna, {}, { aud: '99999999-1111-2222-3333-444444444444' })],
    ['another tenant (issuer and tid)', () => mint(anna, { tid: '11111111-2222-4333-8444-555555555555' }, { iss: 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/' })],
    ['our issuer but another tid', () => mint(anna, { tid: '11111111-2222-4333-8444-555555555555' })],
    ['an expired token', () => mint(anna, {}, { exp: nowSec - 3600 })],
    ['a bad signature (another key, same kid)', () => mint(anna, {}, { signWith: otherKey })],
    ['a token without the access_as_user scope', () => mint(anna, { scp: 'User.Read' })],
    ['alg: none', async () => `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: `https://sts.windows.net/${TENANT}/`, aud: AUDIENCE, tid: TENANT, oid: anna.aadObjectId, scp: 'access_as_user', iat: nowSec, exp: nowSec + 3600 })}.`],
    ['a tampered payload', async () => {
      const [h, , s] = (await mint(anna)).split('.');
      return `${h}.${part({ iss: `https://sts.windows.net/${TENANT}/`, aud: AUDIENCE, tid: TENANT, oid: maria.aadObjectId, scp: 'access_as_user', iat: nowSec, exp: nowSec + 3600 })}.${s}`;
    }],
  ])('%s', async (_label, token) => {
    const res = await overview(await token());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: expect.stringMatching(/Du är inte inloggad/) });
  });
});

test('production has no development sessions: the endpoints answer 404 and a development token is refused', async () => {
  const people = await fetch(`${bot.paragraf.url}/tab/api/dev/people`);
  expect(people.status).toBe(404);
  const session = await fetch(`${bot.paragraf.url}/tab/api/dev/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ aadObjectId: anna.aadObjectId }) });
  expect(session.status).toBe(404);
  // Even one signed with the production link secret (the key local mode derives its sessions from).
  const dev = await issueDevToken('test-link-secret', anna, now);
  expect((await overview(dev)).status).toBe(401);
  // The tab page itself carries no "Lokalt läge" switch in production.
  const page = await (await fetch(`${bot.paragraf.url}/tab`)).text();
  expect(page).not.toContain('data-local');
});

test('the side panel shows the next meeting when none is pågår, skipping a planned day that has passed', async () => {
  const panel = async () => (await fetch(`${bot.paragraf.url}/tab/api/panel?body=${valfard}`, { headers: { Authorization: `Bearer ${await mint(bo)}` } })).json();
  expect(await panel()).toEqual({ body: 'Välfärdsrådet' });
  const body = (await bot.services.bodies.get(valfard))!.value;
  const stale = await makeMeeting(bot.services, body, '2021-12-01T13:00', [item(7, 'Kalendarium')]);
  await saveMeeting(bot.services, { ...stale, status: 'kallat' });
  const next = await makeMeeting(bot.services, body, '2022-01-20T13:00', [item(1, 'Mötets öppnande'), item(2, 'Kalendarium')]);
  await saveMeeting(bot.services, { ...next, status: 'planerat' });
  const view = await panel();
  expect(view.meeting).toEqual({
    when: 'torsdag 20 januari 2022 kl. 13.00',
    status: 'planerat',
    place: 'Kommunhuset, Säter',
    items: [
      { paragraph: 1, title: 'Mötets öppnande', kind: 'Beslutsärende', current: false, done: false },
      { paragraph: 2, title: 'Kalendarium', kind: 'Beslutsärende', current: false, done: false },
    ],
  });
});

test('every tab URL of the Teams manifest is served, with TeamsJS from the bot itself', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require('../../appPackage/manifest.json');
  const urls = [...manifest.configurableTabs.map((t: any) => t.configurationUrl), ...manifest.staticTabs.filter((t: any) => t.contentUrl).map((t: any) => t.contentUrl)];
  expect(urls).toEqual(['https://${{BOT_DOMAIN}}/tab/config', 'https://${{BOT_DOMAIN}}/tab']);
  for (const url of urls) {
    const res = await fetch(url.replace('https://${{BOT_DOMAIN}}', bot.paragraf.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    const html = await res.text();
    expect(html).toContain('<script src="/tab/static/teams-js.js"></script>');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3)[^"]*\.js/); // no script from a CDN
  }
  const teamsJs = await fetch(`${bot.paragraf.url}/tab/static/teams-js.js`);
  expect(teamsJs.status).toBe(200);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('@microsoft/teams-js/package.json');
  expect(await teamsJs.text()).toContain(`"${version}"`);
  for (const name of ['__proto__', 'constructor', 'x.js', '..%2Fpackage.json']) {
    expect((await fetch(`${bot.paragraf.url}/tab/static/${name}`)).status).toBe(404);
  }
});

test('when Entra ID’s keys cannot be fetched the tab says so (503), rather than that the person is not signed in', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));
  const other = await TestBot.start({
    clock: () => now,
    env: productionEnv(deadUrl),
  });
  try {
    const res = await fetch(`${other.paragraf.url}/tab/api/overview`, { headers: { Authorization: `Bearer ${await mint(anna)}` } });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/kan inte kontrollera inloggningen just nu/);
  } finally {
    await other.stop();
  }
});
