/**
 * Local mode only: `demo` makes this chat a demo body whose cast is the chat's own members.
 * Production refuses it: there everyone acts as themselves.
 */
import { z } from 'zod';
import { defineAction } from '../action';
import { requireLocal } from './local';
import { conversationMembers } from '../../bot/roster-link';
import { LOCAL_ONLY } from '../../bot/act-as';
import { UserError } from '../../domain/errors';
import { PLAYGROUND_USERS, demoBody } from '../../domain/demo';
import type { Body } from '../../domain/body';
import type { TeamsMember } from '../../domain/roster';
import { BodyRepo } from '../../storage/bodies';
import type { Services } from '../../services';
import { demoCard } from '../../cards/demo/demo';

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

export const createDemo = defineAction({
  name: 'demo.skapa',
  rights: ['alla'],
  schema: z.object({}),
  aggregate: 'organ',
  sources: ['typed'],
  run: async (ctx) => {
    requireLocal(ctx);
    if (ctx.conversationKind === 'personal') throw new UserError('Demot spelas i en gruppchatt med flera personer: skriv "demo" i Group Chat i Agents Playground.');
    const secretary = { aadObjectId: ctx.caller.id, name: ctx.caller.name, id: ctx.teams.senderTeamsId() };
    const body = await createDemoBody(ctx.services, { conversationId: ctx.conversationId, secretary, members: await conversationMembers(ctx), now: ctx.now, idempotencyKey: ctx.idempotencyKey });
    return { cards: [demoCard(body, ctx.caller.id)] };
  },
});
