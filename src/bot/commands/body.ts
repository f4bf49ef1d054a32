import { defineCommand } from '../registry';
import { replyCard } from '../context';
import { actorOf, authorizeIn, requireBody } from '../guards';
import { BodyRepo } from '../../storage/bodies';
import { UserError } from '../../domain/errors';
import { applySettings, newBody, parseBodyName, parseBodySettings } from '../../domain/body-setup';
import { bodyCard } from '../../cards/body/body';
import { bodyFormCard } from '../../cards/forms/forms';
import { refreshBodyEntries } from '../../http/anslagstavla/repair';

/** `nytt organ <namn>` + optional setting lines: binds this conversation to a new body; the founder is its secretary. */
export const newBodyCommand = defineCommand({
  name: 'nytt organ',
  pattern: /^nytt organ\b:?\s*(.*)$/i,
  run: async (ctx, { body: text, match }) => {
    authorizeIn(ctx, 'organ.skapa', undefined);
    if (ctx.conversationKind === 'personal') throw new UserError('Ett organ knyts till en kanal eller gruppchatt, inte till en personlig chatt. Skriv "nytt organ" där organet arbetar.');
    // "nytt organ" alone: the form, where every setting has its own field.
    if (!(match[1] ?? '').trim() && !text.trim()) return replyCard(bodyFormCard());
    const name = parseBodyName(match[1] ?? '');
    const settings = parseBodySettings(text);
    const id = BodyRepo.idFor(ctx.conversationId);
    const committed = await ctx.services.bodies.change(id, {
      actor: actorOf(ctx),
      action: 'organ.skapa',
      summary: `Organet ${name} skapades`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (current) throw new UserError(`Den här konversationen är redan knuten till ${current.name}. Ändra inställningarna med "organ" följt av raderna som ska ändras.`, 'exists');
        return newBody({ id, name, conversationId: ctx.conversationId, founder: ctx.caller.id, at: ctx.now.toISOString(), settings });
      },
    });
    return replyCard(bodyCard(committed.value));
  },
});

/** `organ` shows the body; `organ` + lines (Namn:, Profil:, …) changes its settings (secretary only). */
export const bodyCommand = defineCommand({
  name: 'organ',
  pattern: /^organ:?$/i,
  run: async (ctx, { body: text }) => {
    const body = await requireBody(ctx);
    if (!text.trim()) return replyCard(bodyCard(body.value));
    authorizeIn(ctx, 'organ.ändra', body.value);
    const lines = text.split('\n');
    const nameLine = lines.find((l) => /^namn\s*:/i.test(l.trim()));
    const name = nameLine ? parseBodyName(nameLine.replace(/^\s*namn\s*:/i, '')) : undefined;
    const settings = parseBodySettings(lines.filter((l) => l !== nameLine).join('\n'));
    const committed = await ctx.services.bodies.change(body.value.id, {
      actor: actorOf(ctx),
      action: 'organ.ändra',
      summary: 'Organets inställningar ändrades',
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (!current) throw new UserError('Organet finns inte längre.');
        return applySettings(current, settings, name);
      },
    });
    // The anslagstavla shows the förvaringsplats and whose anslagstavla it is, as the anslagsbevis does.
    if (committed.value.forvaringsplats !== body.value.forvaringsplats || committed.value.huvudman !== body.value.huvudman) {
      await refreshBodyEntries(ctx.services, committed.value).catch((err) => ctx.services.log.warn({ err: { message: (err as Error).message } }, 'anslagstavla: rows not rewritten'));
    }
    return replyCard(bodyCard(committed.value));
  },
});
