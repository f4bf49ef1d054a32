/**
 * Local mode only: `demo` makes this chat a demo body whose cast is the chat's own members, and
 * `agera som <namn>` (or the card's Agera som button) makes the caller's next action count as one
 * of them. Production refuses both: there everyone acts as themselves.
 */
import { z } from 'zod';
import { defineCommand, defineVerb } from '../registry';
import type { BotContext, Reply } from '../context';
import { actorOf, authorizeIn, requireBody } from '../guards';
import { conversationMembers } from '../roster-link';
import { LOCAL_ONLY } from '../act-as';
import { UserError } from '../../domain/errors';
import { PLAYGROUND_USERS, demoBody } from '../../domain/demo';
import type { Body, RosterEntry } from '../../domain/body';
import type { TeamsMember } from '../../domain/roster';
import { joinSv } from '../../domain/sv-text';
import { BodyRepo } from '../../storage/bodies';
import type { Services } from '../../services';
import { ACT_AS_VERB, demoCard, partOf } from '../../cards/demo/demo';

function requireLocal(ctx: BotContext): void {
  if (!ctx.services.config.localMode) throw new UserError(LOCAL_ONLY, 'local_only');
}

/** Creates the demo body in a conversation (also used by `npm start -- --demo`); an existing demo body is kept. */
export async function createDemoBody(services: Services, input: { conversationId: string; secretary: TeamsMember; members: TeamsMember[]; now: Date; idempotencyKey: string }): Promise<Body> {
  if (!services.config.localMode) throw new UserError(LOCAL_ONLY, 'local_only');
  const id = BodyRepo.idFor(input.conversationId);
  const committed = await services.bodies.change(id, {
    actor: { id: input.secretary.aadObjectId, name: input.secretary.name },
    action: 'organ.skapa',
    summary: 'Demoorganet skapades (lokalt läge)',
    idempotencyKey: input.idempotencyKey,
    now: input.now,
    apply: (current) => {
      if (current?.demo) return current;
      if (current) throw new UserError(`Den här konversationen är redan knuten till ${current.name}. Skriv "demo" i en annan gruppchatt.`, 'exists');
      const members = input.members.length > 1 ? input.members : PLAYGROUND_USERS;
      return demoBody({ id, conversationId: input.conversationId, secretary: input.secretary, members, at: input.now.toISOString() });
    },
  });
  return committed.value;
}

export const demoCommand = defineCommand({
  name: 'demo',
  pattern: /^demo$/i,
  run: async (ctx) => {
    requireLocal(ctx);
    if (ctx.conversationKind === 'personal') throw new UserError('Demot spelas i en gruppchatt med flera personer: skriv "demo" i Group Chat i Agents Playground.');
    const secretary = { aadObjectId: ctx.caller.id, name: ctx.caller.name, id: ctx.turn.activity.from?.id };
    const body = await createDemoBody(ctx.services, { conversationId: ctx.conversationId, secretary, members: await conversationMembers(ctx), now: ctx.now, idempotencyKey: ctx.idempotencyKey });
    return { cards: [demoCard(body, ctx.caller.id)] };
  },
});

async function actAs(ctx: BotContext, find: (r: RosterEntry) => boolean, asked: string): Promise<Reply> {
  requireLocal(ctx);
  const body = (await requireBody(ctx)).value;
  authorizeIn(ctx, 'demo.agera', body);
  if (!body.demo) throw new UserError('"Agera som" fungerar bara i demoorganet (skriv "demo" i en ny gruppchatt). I ett riktigt organ agerar var och en själv.', 'forbidden');
  const cast = body.roster.filter((r) => r.aadObjectId);
  const entry = cast.find(find);
  if (!entry) throw new UserError(`${asked} finns inte bland rollerna. Välj ${joinSv(cast.map((r) => r.name))}.`, 'not_found');
  ctx.services.actAs.set(ctx, { id: entry.aadObjectId!, name: entry.name });
  ctx.services.log.info({ actor: actorOf(ctx), as: entry.name }, 'demo: acting as a cast member for the next action');
  return { text: `Nästa sak du gör i den här chatten räknas som ${entry.name}, ${partOf(entry)}. Tryck knappen eller skriv kommandot nu; ärendeloggen visar att du agerade som ${entry.name}.` };
}

export const actAsCommand = defineCommand({
  name: 'agera som',
  pattern: /^agera som\s+(.+)$/i,
  keepsActAs: true,
  run: (ctx, { match }) => {
    const name = match[1].trim().replace(/\s+/g, ' ');
    return actAs(ctx, (r) => r.name.toLowerCase() === name.toLowerCase(), `"${name.slice(0, 60)}"`);
  },
});

export const actAsVerb = defineVerb({
  verb: ACT_AS_VERB,
  schema: z.object({ entryId: z.string().min(1).max(40) }),
  keepsActAs: true,
  run: (ctx, { entryId }) => actAs(ctx, (r) => r.id === entryId, 'Personen'),
});
