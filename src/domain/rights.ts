import type { Body } from './body';
import { isSecretary, memberByAad } from './body';
import type { Meeting } from './meeting';
import { NotAllowedError } from './errors';

/** The parts a person can have in a body and a meeting; rights are granted to these, never to names. */
export type Party =
  | 'sekreterare'
  | 'ordförande'
  | 'justerare'
  | 'ledamot'
  | 'ersättare'
  | 'tjänsteperson'
  /** anyone on the roster (linked to their Teams identity) */
  | 'medlem'
  /** anyone in the conversation */
  | 'alla';

/**
 * Who may do what: the one place that says it. Keys are action names (card verbs and chat
 * commands share them). An action missing here is refused for everyone, so a new verb cannot
 * slip through unguarded.
 */
export const POLICY: Record<string, readonly Party[]> = {
  'hjälp': ['alla'],
  'organ.skapa': ['alla'],
  'organ.ändra': ['sekreterare'],
  'ledamöter.ersätt': ['sekreterare'],
  'ledamöter.visa': ['medlem', 'sekreterare'],
  'ledamöter.bekräfta': ['sekreterare'],
  'ledamöter.ångra': ['sekreterare'],
  'möte.skapa': ['sekreterare'],
  'möte.ändra': ['sekreterare'],
  'kallelse.skicka': ['sekreterare'],
  'kallelse.svara': ['ledamot', 'ersättare', 'ordförande'],
  'kallelse.visa': ['alla'],
  'ersättare.svara': ['ersättare'],
  'möte.starta': ['sekreterare'],
  'upprop.bekräfta': ['sekreterare'],
  'upprop.checkin': ['medlem'],
  'ärende.utfall': ['sekreterare'],
  'ärende.nästa': ['sekreterare'],
  'yrkande': ['sekreterare'],
  'votering': ['sekreterare'],
  'votering.starta': ['sekreterare'],
  'votering.stäng': ['sekreterare'],
  // Whether the member serves on the § (tjänstgöring, jäv) is checked by the verb, with the reason.
  'votering.rösta': ['medlem'],
  // Only the one chairing the § (ordförande, or a serving vice ordförande): checked by the verb.
  'votering.utslag': ['medlem'],
  'votering.visa': ['alla'],
  'jäv': ['sekreterare', 'medlem'],
  'reservation': ['sekreterare', 'medlem'],
  'uppdrag': ['sekreterare'],
  'övrig fråga': ['sekreterare'],
  'närvaro.ändra': ['sekreterare'],
  'omedelbar.begär': ['sekreterare'],
  'omedelbar.justera': ['ordförande', 'justerare'],
  'möte.avsluta': ['sekreterare'],
  'möte.nästa': ['sekreterare'],
  'protokoll.skapa': ['sekreterare'],
  'protokoll.rätta': ['sekreterare'],
  'protokoll.skicka': ['sekreterare'],
  'protokoll.justera': ['ordförande', 'justerare'],
  'protokoll.ändring': ['ordförande', 'justerare'],
  'protokoll.anslå': ['sekreterare'],
  'protokoll.visa': ['medlem', 'sekreterare'],
  'ärendelogg.visa': ['medlem', 'sekreterare'],
  'ärendelogg.skapa': ['sekreterare'],
  'ärendelogg.ändra': ['sekreterare'],
  'ärendelogg.anteckning': ['sekreterare', 'medlem'],
  'uppdrag.mina': ['alla'],
  'uppgifter.mina': ['alla'],
  'uppgifter.rätta': ['alla'],
  'uppgifter.radera': ['alla'],
  'begäran.hantera': ['sekreterare'],
  'formulär.visa': ['alla'],
  // Local demo only: the newcomer, who is the demo body's secretary, plays the others.
  'demo.agera': ['sekreterare'],
};

export function partiesOf(body: Body | undefined, meeting: Meeting | undefined, aadObjectId: string): Set<Party> {
  const parties = new Set<Party>(['alla']);
  if (!body) return parties;
  if (isSecretary(body, aadObjectId)) parties.add('sekreterare');
  const entry = memberByAad(body, aadObjectId);
  if (entry) {
    parties.add('medlem');
    if (entry.role === 'ordförande') parties.add('ordförande');
    if (entry.role === 'ordförande' || entry.role === 'vice ordförande' || entry.role === 'ledamot') parties.add('ledamot');
    if (entry.role === 'ersättare') parties.add('ersättare');
    if (entry.role === 'tjänsteperson') parties.add('tjänsteperson');
    if (meeting?.justerare.includes(entry.id)) parties.add('justerare');
  }
  return parties;
}

export function allowed(action: string, parties: Set<Party>): boolean {
  const who = POLICY[action];
  return Boolean(who && who.some((p) => parties.has(p)));
}

const WHO: Record<Party, string> = {
  sekreterare: 'sekreteraren',
  ordförande: 'ordföranden',
  justerare: 'justerarna',
  ledamot: 'ledamöterna',
  ersättare: 'ersättarna',
  tjänsteperson: 'tjänstepersonerna',
  medlem: 'organets ledamöter, ersättare och tjänstepersoner',
  alla: 'alla',
};

/** "ledamöterna, ersättarna eller ordföranden": one "eller", before the last. */
const orSv = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} eller ${items[items.length - 1]}`);

/** Throws a Swedish refusal naming who may do it. */
export function authorize(action: string, parties: Set<Party>): void {
  if (allowed(action, parties)) return;
  const who = (POLICY[action] ?? []).map((p) => WHO[p]);
  throw new NotAllowedError(who.length ? `Det här får bara ${orSv(who)} göra.` : 'Den här åtgärden är inte tillåten.');
}
