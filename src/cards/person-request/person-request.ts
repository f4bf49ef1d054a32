import template from './person-request.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { swedishMinute } from '../../domain/meeting-time';
import { ERASES, KIND_LABEL, LOCKED_PROTOCOL_NOTE, type PersonRequest, type RequestBody } from '../../domain/person-request';

const when = (iso: string) => (iso ? swedishMinute(iso) : '');

/**
 * The secretary's card for a request about a person's own data, with **Rättat** / **Radera** and
 * **Avslå** (a reason is required to refuse). Once decided, the same card shows the outcome.
 */
export function personRequestCard(req: PersonRequest, body: RequestBody): AdaptiveCard {
  const open = req.status === 'mottagen';
  const guidance =
    req.kind === 'rättelse'
      ? `Rätta uppgiften där den finns (ledamotslistan, ärendeloggen, ett protokollutkast) och tryck sedan Rättat. ${LOCKED_PROTOCOL_NOTE}`
      : `${ERASES} Justerade protokoll och ändringsloggen finns kvar (de är eller kan vara allmänna handlingar); personen får veta det och varför.`;
  const status = open
    ? ''
    : `${req.status === 'utförd' ? (req.kind === 'radering' ? 'Raderingen är utförd' : 'Markerad som rättad') : 'Avslagen'} av ${req.decidedBy?.name ?? 'sekreteraren'} ${when(req.decidedAt ?? '')}${req.reason ? `: ${req.reason}` : '.'}`;
  return renderTemplate(template, {
    body: escapeMarkdown(body.name),
    heading: escapeMarkdown(KIND_LABEL[req.kind]),
    from: escapeMarkdown(`Från ${req.name}, ${when(req.createdAt)}.`),
    text: req.text ? escapeMarkdown(`Vad som är fel: ${req.text}`) : '',
    guidance: escapeMarkdown(guidance),
    status: escapeMarkdown(status),
    open,
    reasonLabel: req.kind === 'rättelse' ? 'Vad som rättades, eller skäl att avslå (krävs för att avslå)' : 'Skäl att avslå (krävs för att avslå)',
    doneTitle: req.kind === 'rättelse' ? 'Rättat' : 'Radera',
    requestId: req.id,
    bodyId: body.bodyId,
  });
}
