import { ClaimsIdentity, ConnectorClient, AuthenticationConstants } from 'botframework-connector';
import { TestBot, groupChat, person, PRODUCTION_ENV, TENANT } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';

// In production everyone acts as themselves: `demo` and "agera som" are refused, and nothing is stored.
const production = PRODUCTION_ENV;

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ env: production });
  // A valid Bot Framework token needs Microsoft's signing keys (no network here): this stands in for a
  // request that passed that check, as Teams' would; everything after it is the real bot.
  const auth = (bot.paragraf.http.adapter as any).botFrameworkAuthentication;
  auth.authenticateRequest = async () => ({
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    claimsIdentity: new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: production.MicrosoftAppId }], true),
    callerId: undefined,
    connectorFactory: { create: async (serviceUrl: string) => new ConnectorClient({ signRequest: async (r: unknown) => r } as any, { baseUri: serviceUrl }) },
  });
});
afterAll(async () => { await bot.stop(); });

const alex = person('Alex Wilber');

test('production mode refuses demo and agera som (typed and pressed); no body is created', async () => {
  expect(bot.paragraf.config.localMode).toBe(false);
  const conv = groupChat('prod-demo');
  const demo = await bot.say(alex, conv, 'demo');
  expect(demo.status).toBe(200);
  expect(demo.texts.join()).toMatch(/bara när Paragraf körs lokalt/);
  expect(await bot.services.bodies.get(BodyRepo.idFor(conv.id))).toBeUndefined();

  await bot.say(alex, conv, 'nytt organ Välfärdsrådet');
  expect((await bot.say(alex, conv, 'agera som Megan Bowen')).texts.join()).toMatch(/bara när Paragraf körs lokalt/);
  expect((await bot.press(alex, conv, 'demo.agera', { entryId: 'r1' })).message).toMatch(/bara när Paragraf körs lokalt/);
  // The help card does not offer them either.
  expect(JSON.stringify((await bot.say(alex, conv, 'hjälp')).cards[0])).not.toMatch(/agera som|"demo"/);
});

test('"demo" said in passing in a production chat, without @mentioning Paragraf, gets no answer', async () => {
  const conv = groupChat('prod-passing');
  const ex = await bot.say(alex, conv, 'demo', { mention: false });
  expect(ex.status).toBe(200);
  expect(ex.sent).toEqual([]);
});
