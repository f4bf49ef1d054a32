import { buildKommunallagen, maria, carin, eva, kenneth } from './protocol-fixtures';
import { cardText, personalChat, type Conversation, type TestBot } from './bot';
import type { Meeting } from '../../src/domain/meeting';

export { maria, carin, eva, kenneth };

/** Waits until the outbox has delivered everything (a background pass may hold a row meanwhile). */
export async function drain(bot: TestBot): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await bot.services.outbox.pump();
    if ((await bot.services.outbox.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function personalCards(bot: TestBot, p: { aadObjectId: string }): any[] {
  return bot.connector.to(personalChat(p as any).id).flatMap((s) => (s.activity.attachments ?? []).map((a: any) => a.content));
}

export function personalTexts(bot: TestBot, p: { aadObjectId: string }): string[] {
  return bot.connector.to(personalChat(p as any).id).map((s) => s.activity.text).filter(Boolean);
}

export function openUrl(card: any): string {
  let url = '';
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.OpenUrl') url ||= n.url;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return url;
}

export interface RemovedEva {
  bodyId: string;
  meetingId: string;
  evaId: string;
}

/**
 * A kommunallagen nämnd whose meeting recorded Eva Stuge's nej vote and reservation in § 2 and
 * her jäv in § 3 (logged as the jäv command logs it); Eva has spoken in the body's chat and in her
 * personal chat; the protocol is justerat (by Eva and the ordförande) and locked; then the
 * secretary replaces the roster without Eva, through /api/messages.
 */
export async function removedEva(bot: TestBot, conv: Conversation): Promise<RemovedEva> {
  const s = bot.services;
  const { body, meeting } = buildKommunallagen(conv.id);
  const evaId = body.roster.find((r) => r.name === eva.name)!.id;
  const actor = { id: maria.aadObjectId, name: maria.name };
  await s.bodies.change(body.id, { actor, action: 'organ.skapa', apply: () => body });
  await s.meetings.change(body.id, meeting.id, { actor, action: 'möte.avsluta', apply: () => meeting });
  await s.meetings.change(body.id, meeting.id, {
    actor,
    action: 'jäv',
    summary: `${eva.name} jävig i § 3`,
    apply: (m) => ({ ...(m as Meeting), items: (m as Meeting).items.map((it) => (it.paragraph === 3 ? { ...it, jav: [...it.jav, evaId] } : it)) }),
  });
  const must = (texts: string[], what: string) => {
    if (texts.some((t) => /Kunde inte|kunde inte läsas|får bara|Jag förstod inte|Något gick fel/.test(t))) throw new Error(`${what} failed: ${texts.join(' | ')}`);
  };
  must((await bot.say(eva, conv, 'hjälp')).texts, 'hjälp i gruppchatten');
  must((await bot.say(eva, personalChat(eva), 'hjälp')).texts, 'hjälp i personlig chatt');
  must((await bot.say(maria, conv, 'protokoll')).texts, 'protokoll');
  const ids = { bodyId: body.id, meetingId: meeting.id };
  const sent = await bot.press(maria, conv, 'protokoll.skicka', ids);
  must([sent.message ?? '', ...sent.texts], 'protokoll.skicka');
  await drain(bot);
  for (const p of [eva, carin]) {
    const ex = await bot.press(p, personalChat(p), 'protokoll.justera', { ...ids, version: 1 });
    must([ex.message ?? '', ...ex.texts], `justera av ${p.name}`);
  }
  const locked = (await s.meetings.get(body.id, meeting.id))!.value;
  if (!locked.protocol[0]?.lockedAt) throw new Error(`protocol not locked: ${cardText(locked)}`);
  bot.connector.members.set(conv.id, [maria, carin, kenneth].map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId })));
  const roster = [
    'ledamöter',
    'Carin Nilsson (s) Umeå kommun, ordförande',
    'Lars Bäckström (c) Umeå kommun',
    'Henric Jakobsson (s) Umeå kommun',
    'Ingrid Nygren (c) Umeå kommun',
    'Kenneth Andersson (s) Umeå kommun, ersättare',
    'Tjänstepersoner:',
    'Maria Lind, sekreterare',
  ].join('\n');
  must((await bot.say(maria, conv, roster)).texts, 'ledamöter');
  await drain(bot);
  return { bodyId: body.id, meetingId: meeting.id, evaId };
}
