import template from './demo.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body, RosterEntry } from '../../domain/body';
import { openFormAction } from '../forms/forms';

export const ACT_AS_VERB = 'demo.agera';

export function partOf(r: RosterEntry): string {
  if (r.role === 'tjänsteperson') return r.secretary ? 'sekreterare (du)' : r.title ?? 'tjänsteperson';
  return [r.party ? `(${r.party})` : '', r.organisation ?? '', r.role].filter(Boolean).join(' ');
}

/** The demo body's cast, with a button per member to act as them for the next action. */
export function demoCard(body: Body, callerId: string): AdaptiveCard {
  const cast = body.roster.filter((r) => r.aadObjectId);
  return renderTemplate(template, {
    name: escapeMarkdown(body.name),
    cast: cast.map((r) => ({ name: escapeMarkdown(r.name), part: escapeMarkdown(partOf(r)) })),
    actAs: cast.filter((r) => r.aadObjectId !== callerId).map((r) => ({ type: 'Action.Execute', title: `Agera som ${r.name}`, verb: ACT_AS_VERB, data: { entryId: r.id } })),
    actions: [openFormAction('nytt-möte'), openFormAction('ledamöter')],
  });
}
