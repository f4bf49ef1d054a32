import restify from 'restify';
import { Application, TurnState, TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory } from 'botbuilder';

/**
 * The floor: the smallest teams-ai bot on the same stack (restify + CloudAdapter + Application)
 * that answers every message and card action with a fixed card and touches no storage. No verb of
 * Paragraf's can be faster than this on the same machine.
 */
const FIXED_CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'OK' }] };

export async function startFloorBot(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new TeamsAdapter({});
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, longRunningMessages: false, removeRecipientMention: true });
  app.adaptiveCards.actionExecute(async () => true, async () => FIXED_CARD as any);
  app.activity(ActivityTypes.Message, async (turn) => {
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(FIXED_CARD)] });
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res as any, async (ctx) => {
      await app.run(ctx);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
