/**
 * Beslutförhet (kommunallagen 6 kap. 27 §): a nämnd may decide only when more than half of its
 * ledamöter take part — exactly half is not enough. Counted per §: jäv takes a member out of
 * that §, a serving ersättare counts. A samverkan body with ledamöter on its roster is held to
 * the same rule (its reglemente normally copies it); minnesanteckningar record no decisions. Pure.
 */
import { ledamoter, type Body } from './body';
import type { Meeting, OutcomeKind } from './meeting';
import { uppropRows } from './attendance';
import { initialServing, servingAt } from './serving';
import { UserError } from './errors';
import { beslutforWord, isNeuterBody } from './sv-text';

/** Outcomes that are decisions; "godkände informationen" and "lades till handlingarna" may be noted anyway. */
export const DECISION_KINDS: ReadonlySet<OutcomeKind> = new Set(['beslut', 'bordläggs', 'återremitteras', 'noterat']);

export function quorumApplies(body: Body): boolean {
  if (body.profile === 'kommunallagen') return true;
  return body.profile === 'samverkan' && ledamoter(body).length > 0;
}

/** Kommunallagen 6 kap. 27 §: more than half of the ledamöter must serve. */
export function quorum(body: Body, meeting: Meeting, index = meeting.currentIndex): { serving: number; ledamoter: number; beslutfor: boolean } {
  const total = ledamoter(body).length;
  // Before the upprop is confirmed: who would serve if the pre-filled upprop were confirmed as is.
  const prefilled = () => initialServing(body, meeting, Object.fromEntries(uppropRows(body, meeting).map((r) => [r.entry.id, r.present])), 0).length;
  const serving = meeting.attendance.confirmedAt ? servingAt(meeting, index).length : prefilled();
  return { serving, ledamoter: total, beslutfor: serving * 2 > total };
}

/** "Beslutfört: 3 av 5 ledamöter tjänstgör." on § `index`; on a § (the item card) the refusal is said too. */
export function quorumText(body: Body, meeting: Meeting, opts: { index?: number; onParagraph?: boolean } = {}): string | undefined {
  if (!quorumApplies(body)) return undefined;
  const q = quorum(body, meeting, opts.index);
  const text = `${q.beslutfor ? 'Beslutfört' : 'Inte beslutfört'}: ${q.serving} av ${q.ledamoter} ledamöter tjänstgör.`;
  return opts.onParagraph && !q.beslutfor ? `${text} Beslut kan inte fattas på den här paragrafen.` : text;
}

const counts = (q: { serving: number; ledamoter: number }) => `${q.serving} av ${q.ledamoter} ledamöter tjänstgör`;

/** Refuses a decision (an outcome, a vote, a bifall) on a § where the body is not beslutför. */
export function assertQuorate(body: Body, meeting: Meeting, index: number, what: string): void {
  if (!quorumApplies(body)) return;
  if (!meeting.attendance.confirmedAt) {
    throw new UserError(`${what} kan inte antecknas förrän uppropet är bekräftat: först då syns det att ${body.name} är ${beslutforWord(body.name)}. Bekräfta uppropet på uppropskortet.`, 'quorum');
  }
  const q = quorum(body, meeting, index);
  if (q.beslutfor) return;
  const need = Math.floor(q.ledamoter / 2) + 1;
  const law = body.profile === 'kommunallagen' ? ' (kommunallagen 6 kap. 27 §)' : '';
  throw new UserError(
    `${what} kan inte antecknas: ${body.name} är inte ${beslutforWord(body.name)} på § ${meeting.items[index].paragraph}. ` +
      `Bara ${q.serving} av ${q.ledamoter} ledamöter tjänstgör, och mer än hälften (minst ${need}) måste delta för att beslut ska kunna fattas${law}. ` +
      'Informationsärenden kan ändå antecknas (Godkände informationen).',
    'quorum',
  );
}

/** Where the upprop was made: the first § anyone was entered as serving from. */
function uppropIndex(meeting: Meeting): number | undefined {
  if (!meeting.attendance.confirmedAt || meeting.service.length === 0) return undefined;
  return Math.min(...meeting.service.map((p) => p.fromIndex));
}

/**
 * The protocol's words on beslutförhet per § index: at the upprop ("Socialnämnden konstaterar att
 * den är beslutför …") and on every § where it changed. A samverkan body's protocol (seed 002)
 * says nothing while it is beslutfört, and speaks only when it is not.
 */
export function quorumStatements(body: Body, meeting: Meeting): Map<number, string> {
  const out = new Map<number, string>();
  if (!quorumApplies(body)) return out;
  const start = uppropIndex(meeting);
  if (start === undefined) return out;
  const word = beslutforWord(body.name);
  const pronoun = isNeuterBody(body.name) ? 'det' : 'den';
  const always = body.profile === 'kommunallagen';
  let before: boolean | undefined;
  for (let i = start; i < meeting.items.length; i++) {
    const q = quorum(body, meeting, i);
    if (i === start) {
      if (always || !q.beslutfor) out.set(i, q.beslutfor ? `${body.name} konstaterar att ${pronoun} är ${word} (${counts(q)}).` : `${body.name} konstaterar att ${pronoun} inte är ${word} (${counts(q)}) och kan inte fatta beslut.`);
    } else if (q.beslutfor !== before) {
      out.set(i, q.beslutfor ? `${body.name} är åter ${word} från denna paragraf (${counts(q)}).` : `${body.name} är inte ${word} på denna paragraf (${counts(q)}) och kan inte fatta beslut.`);
    }
    before = q.beslutfor;
  }
  return out;
}
