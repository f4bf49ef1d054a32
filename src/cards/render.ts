import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Teams rejects messages over about 28 KB; cards are kept below this with margin for the envelope. */
export const MAX_CARD_BYTES = 26 * 1024;

/**
 * Parsed templates, one per template object. Parsing every `${…}` expression is most of the cost
 * of a render (it was 17 % of an RSVP's time); a Template may be expanded again and again with
 * other data, and expand() is synchronous, so one shared instance is safe.
 */
const parsed = new WeakMap<object, ACData.Template>();

/** Binds a `*.card.json` template to data with adaptivecards-templating (the same engine Teams documents). */
export function renderTemplate(template: object, data: object): AdaptiveCard {
  let t = parsed.get(template);
  if (!t) parsed.set(template, (t = new ACData.Template(template)));
  return t.expand({ $root: data }) as AdaptiveCard;
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function cardAttachment(card: object) {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
