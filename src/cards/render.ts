import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Teams rejects messages over about 28 KB; cards are kept below this with margin for the envelope. */
export const MAX_CARD_BYTES = 26 * 1024;

/** Binds a `*.card.json` template to data with adaptivecards-templating (the same engine Teams documents). */
export function renderTemplate(template: object, data: object): AdaptiveCard {
  const card = new ACData.Template(template).expand({ $root: data }) as AdaptiveCard;
  return card;
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function cardAttachment(card: object) {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
