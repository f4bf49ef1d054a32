import { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { type Logger } from 'pino';
import { z } from 'zod';
import type { BotContext, Caller, ConversationKind, Reply } from './context';
import type { Registry } from './registry';
import type { Action, Source } from '../actions/action';
import { teamsPort } from './teams-port';
import type { Services } from '../services';
import { messageText, splitCommand } from './text';
import { UserError } from '../domain/errors';
import { TamperedProtocolError } from '../domain/protocol/integrity';
import { StorageUnavailableError } from '../storage/ports';
import { cardAttachment } from '../cards/render';
import { describeZodError } from './zod-message';
import { onMeetingStart } from './events/meeting-start';
import { stripInvisible, stripInvisibleDeep } from '../domain/invisible-text';

/** Storage did not answer, or not in time; a write may still land, so no promise that nothing changed (a resend is recorded once). */
export const STORAGE_DOWN = 'Kunde inte spara, försök igen om en stund.';
export const MALFORMED_ACTION = 'Kortets åtgärd kunde inte läsas. Inget har ändrats; skriv "hjälp" för att se vad Paragraf kan göra.';
export const INTERNAL_ERROR = 'Något gick fel hos Paragraf. Inget har ändrats; försök igen om en stund.';

/** The teams-ai Application with Paragraf's routes: card actions and typed commands (both run through runAction), and the meeting-start event. */
export function createApp(adapter: TeamsAdapter, registry: Registry, services: Services, log: Logger): Application<TurnState> {
  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  app.adaptiveCards.actionExecute(
    async (turn) => isActionExecute(turn),
    async (turn) => {
      const reply = await guarded(turn, log, services, async (ctx) => {
        const action = (turn.activity.value ?? {}).action ?? {};
        const verbName = typeof action.verb === 'string' ? action.verb : '';
        const found = registry.verb(verbName);
        if (!found) throw new UserError(`Okänd åtgärd${verbName ? ` "${verbName.slice(0, 60)}"` : ''}. Kortet kan vara gammalt; skriv "hjälp" för att se vad Paragraf kan göra.`);
        services.telemetry.action('verb', found.name);
        // An automatic card refresh is the client's doing, not the person's next action.
        const automatic = (turn.activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
        // Card inputs are free text (titles, decisions, notes, comments): invisible characters go here, once for every action.
        return runAction(ctx, found, stripInvisibleDeep(action.data ?? {}), { source: 'card', keepActAs: automatic });
      });
      await answerInvoke(turn, reply);
      return ''; // the invoke response is already sent above, so teams-ai adds none
    },
  );

  // A card action whose value is not an Action.Execute (a broken or forged payload): answered in
  // Swedish, instead of falling through to the adapter's 501.
  app.activity(
    async (turn) => turn.activity.type === ActivityTypes.Invoke && turn.activity.name === 'adaptiveCard/action' && !isActionExecute(turn),
    async (turn) => {
      log.child({ requestId: turn.activity.id }).info('malformed card action refused');
      await answerInvoke(turn, { text: MALFORMED_ACTION });
    },
  );

  app.meetings.start(async (turn) => {
    services.telemetry.action('event', 'meetingStart');
    const reply = await guarded(turn, log, services, (ctx) => onMeetingStart(ctx, (d) => runAction(ctx, registry.action(d.action)!, d.payload, { source: 'typed' })));
    await sendReply(turn, reply);
  });

  app.activity(ActivityTypes.Message, async (turn) => {
    const reply = await guarded(turn, log, services, async (ctx) => {
      const { firstLine, body } = splitCommand(messageText(turn.activity));
      // With the ChatMessage.Read.Chat consent the bot reads every message in the body's chat. Ordinary
      // conversation there ("Beslut om det tar vi sen") is not a command: only a message that @mentions
      // Paragraf, or one that parses as a whole command, gets an answer.
      const addressed = ctx.conversationKind === 'personal' || mentionsBot(turn);
      const found = registry.findCommand(firstLine);
      if (!found) {
        if (!addressed) return {};
        return { text: `Jag förstod inte "${firstLine.slice(0, 80)}". Skriv "hjälp" för att se vad Paragraf kan göra.` };
      }
      try {
        services.telemetry.action('command', found.command.name);
        // The typed line only parses into an action and its payload; the action runs as a press would.
        const dispatch = await found.command.parse(ctx, { firstLine, body, match: found.match });
        const action = registry.action(dispatch.action);
        if (!action) throw new Error(`command ${found.command.name} dispatched to unknown action ${dispatch.action}`);
        return await runAction(ctx, action, dispatch.payload, { source: 'typed' });
      } catch (err) {
        // Also quiet: "demo" said in passing in a production chat, where the demo does not exist.
        if (!addressed && err instanceof UserError && (err.code === 'syntax' || err.code === 'local_only')) return {};
        throw err;
      }
    });
    await sendReply(turn, reply);
  });

  app.error(async (turn, err) => {
    log.error({ err: { message: err.message, name: err.name } }, 'unhandled turn error');
    // A failed proactive delivery (outbox): no apology to a recipient who did nothing, and the error goes
    // back to the outbox, which retries it (swallowed here, the row would be marked sent).
    if (turn.activity.type === ActivityTypes.Event && /^(Continue|Create)Conversation$/.test(turn.activity.name ?? '')) throw err;
    await turn.sendActivity(INTERNAL_ERROR).catch(() => undefined);
  });
  return app;
}

/**
 * The one pipeline every action runs through, pressed or typed: the caller's identity is already in
 * `ctx` (contextOf), then the payload is checked against the action's schema, a pending "agera som"
 * is applied, and the action loads its aggregate, is authorized against its declared rights (the
 * guards read them from the declaration), applies its pure domain change and answers.
 */
async function runAction(ctx: BotContext, action: Action, payload: unknown, opts: { source: Source; keepActAs?: boolean }): Promise<Reply> {
  if (!action.sources.includes(opts.source)) throw new UserError('Okänd åtgärd. Skriv "hjälp" för att se vad Paragraf kan göra.');
  const parsed = action.schema.safeParse(payload);
  if (!parsed.success) {
    const what = opts.source === 'card' ? 'Kortets uppgifter' : 'Meddelandet';
    throw new UserError(`${what} kunde inte läsas: ${describeZodError(parsed.error)}. Inget har ändrats.`);
  }
  // Local demo: a pending "agera som" makes this action the cast member's (not the act-as action itself).
  return action.run(action.keepsActAs || opts.keepActAs ? ctx : ctx.services.actAs.take(ctx), parsed.data);
}

/** Whether the message @mentions this bot (Teams puts the mention in `entities`, the recipient is the bot). */
function mentionsBot(turn: TurnContext): boolean {
  const a = turn.activity;
  const me = a.recipient?.id;
  return Boolean(me) && (a.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: unknown } }).mentioned?.id === me);
}

function isActionExecute(turn: TurnContext): boolean {
  const a = turn.activity;
  const action = (a.value as { action?: { type?: unknown } } | undefined)?.action;
  return a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action' && typeof action === 'object' && action !== null && action.type === 'Action.Execute';
}

/**
 * Teams and the Playground join single line breaks even in plain text, so a list of errors ran
 * together as one paragraph: every line break becomes a blank line, and each line stands alone.
 */
export function ownLines(text: string): string {
  return text.replace(/\n+/g, '\n\n');
}

/** A reply to a message or event: the text, then each card, as separate messages. */
async function sendReply(turn: TurnContext, reply: Reply): Promise<void> {
  if (reply.text) await turn.sendActivity({ type: ActivityTypes.Message, text: ownLines(reply.text), textFormat: 'plain' });
  for (const card of [...(reply.cards ?? []), ...(reply.post ?? [])]) await turn.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
}

async function guarded(turn: TurnContext, log: Logger, services: Services, run: (ctx: BotContext) => Promise<Reply>): Promise<Reply> {
  const a = turn.activity;
  // Made only when something is logged: pino redacts a child's bindings as it is made, on every activity otherwise.
  const reqLog = () => log.child({ requestId: a.id, activityId: a.id, conversation: a.conversation?.id, type: a.type });
  try {
    return await run(contextOf(turn, services));
  } catch (err) {
    if (err instanceof TamperedProtocolError) {
      // Not the user's mistake: someone changed a protocol in storage. Refused all the same, and logged for whoever runs Paragraf.
      reqLog().error({ code: err.code, version: err.version, reason: err.reason }, 'protocol does not match its content hash; refused');
      return { text: err.userMessage };
    }
    if (err instanceof UserError) {
      reqLog().info({ code: err.code }, 'refused');
      return { text: err.userMessage };
    }
    if (err instanceof StorageUnavailableError) {
      reqLog().warn('storage unavailable');
      return { text: STORAGE_DOWN };
    }
    reqLog().error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'handler failed');
    return { text: INTERNAL_ERROR };
  }
}

const activityShape = z.object({
  from: z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }),
  conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional() }),
});

export function contextOf(turn: TurnContext, services: Services): BotContext {
  const a = activityShape.safeParse(turn.activity);
  if (!a.success) throw new UserError('Meddelandet saknar avsändare eller konversation och kunde inte behandlas.');
  const { from, conversation } = a.data;
  const tenantId = conversation.tenantId ?? (turn.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const caller: Caller = { id: from.aadObjectId ?? from.id, name: stripInvisible(from.name ?? '') || 'Okänd', tenantId };
  const kind: ConversationKind = conversation.conversationType === 'channel' ? 'channel' : conversation.conversationType === 'groupChat' ? 'groupChat' : 'personal';
  const now = services.clock();
  return {
    teams: teamsPort(turn),
    caller,
    conversationId: conversation.id,
    conversationKind: kind,
    idempotencyKey: `${conversation.id}|${turn.activity.id ?? `${turn.activity.timestamp ?? now.toISOString()}|${from.id}`}`,
    services,
    now,
  };
}

async function answerInvoke(turn: TurnContext, reply: Reply): Promise<void> {
  const [first, ...rest] = reply.cards ?? [];
  const body = first
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: first }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text ?? 'Klart.' };
  await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  // A card answer with text too: the text is said in the conversation, where everyone sees it.
  if (first && reply.text) await turn.sendActivity({ type: ActivityTypes.Message, text: ownLines(reply.text), textFormat: 'plain' });
  for (const card of [...rest, ...(reply.post ?? [])]) await turn.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
}
