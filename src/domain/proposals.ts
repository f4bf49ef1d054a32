/**
 * Which proposal won a §, and what decision that allows. The förslag till beslut and the
 * yrkanden are the proposals; a votering (its last one) or, without one, the chair's finding in
 * the propositionsordning (bifall) decides between them, and the recorded decision must follow:
 * a Beslut, a bifall or an outcome that contradicts it is refused with the reason. Pure.
 */
import type { Body } from './body';
import type { Item, Motion, OutcomeKind, Vote, VoteSide } from './meeting';
import { UserError } from './errors';
import { decisionInput, decisionKey, parseDecision, renderDecision, type Decision } from './decision-formula';
import { genitive } from './sv-text';

/** What adopting a proposal means for the outcome. */
export type Meaning =
  | { kind: 'beslut'; decision: Decision }
  | { kind: 'avslag' }
  | { kind: 'återremitteras' }
  | { kind: 'bordläggs' }
  /** A proposal whose effect we cannot read ("bifall till Eva Stuges yrkande med tillägg …"). */
  | { kind: 'okänt' };

const FORSLAG = 'förslaget';
const AVSLAG = 'avslag';

function classify(body: Body, text: string): Meaning | typeof FORSLAG {
  const t = text.trim();
  if (/^(?:att\s+)?(?:återremiss|återremittera|ärendet återremitteras)/iu.test(t)) return { kind: 'återremitteras' };
  if (/^(?:att\s+)?(?:bordläggning|bordlägga|ärendet bordläggs)/iu.test(t)) return { kind: 'bordläggs' };
  if (/^(?:att\s+)?(?:avslag|avslå)(?!\p{L})/iu.test(t)) return { kind: 'avslag' };
  if (/^(?:att\s+)?(?:bifall|bifalla)\b(?:\s+(?:till|av))?(?:\s+\p{L}+)?\s*(?:förslaget|förslag till beslut)?\s*\.?$/iu.test(t) && !/yrkande/iu.test(t)) return FORSLAG;
  const d = parseDecision(t, body.name);
  return d.form === 'att' ? { kind: 'beslut', decision: d } : { kind: 'okänt' };
}

function meaningOf(body: Body, item: Item, ref: string): Meaning {
  if (ref === AVSLAG) return { kind: 'avslag' };
  const motion = item.motions.find((m) => m.id === ref);
  const c = motion ? classify(body, motion.text) : FORSLAG;
  if (c !== FORSLAG) return c;
  return item.proposal?.trim() ? { kind: 'beslut', decision: parseDecision(item.proposal, body.name) } : { kind: 'okänt' };
}

const nameOf = (body: Body, id: string) => body.roster.find((r) => r.id === id)?.name ?? id;

function sideOf(body: Body, item: Item, ref: string): VoteSide {
  if (ref === FORSLAG) return { ref, stance: 'bifaller förslaget', outcome: 'enligt förslaget' };
  if (ref === AVSLAG) return { ref, stance: 'avslår förslaget', outcome: 'att avslå förslaget' };
  const m = item.motions.find((x) => x.id === ref)!;
  const whose = `${genitive(nameOf(body, m.byMemberId))} yrkande`;
  return { ref, stance: `bifaller ${whose}`, outcome: `enligt ${whose}` };
}

/**
 * What ja and nej stand for: the first two yrkanden in the propositionsordning (or as recorded);
 * one yrkande against the förslag; without yrkanden, bifall against avslag of the förslag.
 */
export function voteSides(body: Body, item: Item): { ja: VoteSide; nej: VoteSide } {
  const active = item.motions.filter((m) => !m.withdrawn);
  const ordered = [...(item.propositionOrder ?? []).map((id) => active.find((m) => m.id === id)).filter((m): m is Motion => Boolean(m)), ...active.filter((m) => !(item.propositionOrder ?? []).includes(m.id))];
  if (ordered.length >= 2) return { ja: sideOf(body, item, ordered[0].id), nej: sideOf(body, item, ordered[1].id) };
  if (ordered.length === 1) {
    const c = classify(body, ordered[0].text);
    if (c === FORSLAG) return { ja: sideOf(body, item, ordered[0].id), nej: sideOf(body, item, AVSLAG) };
    return { ja: sideOf(body, item, FORSLAG), nej: sideOf(body, item, ordered[0].id) };
  }
  return { ja: sideOf(body, item, FORSLAG), nej: sideOf(body, item, AVSLAG) };
}

/** "Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej." */
export function propositionText(sides: { ja: VoteSide; nej: VoteSide }): string {
  return `Den som ${sides.ja.stance} röstar ja, den som ${sides.nej.stance} röstar nej.`;
}

const röster = (n: number, kind: string) => `${n} ${kind}-${n === 1 ? 'röst' : 'röster'}`;

/** "Med 4 ja-röster mot 3 nej-röster och 1 som avstår beslutar Socialnämnden enligt förslaget." */
export function voteOutcomeText(bodyName: string, v: Vote): string {
  const counts = `Med ${röster(v.ja, 'ja')} mot ${röster(v.nej, 'nej')}${v.avstar ? ` och ${v.avstar} som avstår` : ''}`;
  const decider = v.castingVote ? ' genom ordförandens utslagsröst' : v.lot ? ' efter lottning' : '';
  if (!v.sides) return `${counts} vann ${v.result}-sidan${decider}.`;
  return `${counts} beslutar ${bodyName}${decider} ${v.sides[v.result].outcome}.`;
}

interface Won {
  ref: string;
  meaning: Meaning;
  /** "voteringen (1 ja-röst mot 4 nej-röster)" or "ordförandens proposition (yrkande 2)". */
  source: string;
  /** "nej-sidan (att avslå förslaget)" */
  what: string;
  losers: string[];
}

/** The proposal that won the §, if a votering or a bifall has decided it. */
export function winnerOf(body: Body, item: Item): Won | undefined {
  const vote = [...item.votes].reverse().find((v) => v.sides);
  if (vote?.sides) {
    const side = vote.sides[vote.result];
    const loser = vote.sides[vote.result === 'ja' ? 'nej' : 'ja'];
    return {
      ref: side.ref,
      meaning: meaningOf(body, item, side.ref),
      source: `voteringen (${röster(vote.ja, 'ja')} mot ${röster(vote.nej, 'nej')}${vote.castingVote ? ', ordförandens utslagsröst' : vote.lot ? ', lottning' : ''})`,
      what: `${vote.result}-sidan (${side.outcome})`,
      losers: [loser.ref],
    };
  }
  const adopted = item.motions.find((m) => m.id === item.adoptedMotionId && !m.withdrawn);
  if (adopted) {
    const n = item.motions.indexOf(adopted) + 1;
    return {
      ref: adopted.id,
      meaning: meaningOf(body, item, adopted.id),
      source: 'ordförandens proposition',
      what: `yrkande ${n} (${genitive(nameOf(body, adopted.byMemberId))}: ${adopted.text})`,
      losers: item.motions.filter((m) => m !== adopted && !m.withdrawn).map((m) => m.id),
    };
  }
  return undefined;
}

const sameMeaning = (a: Meaning, b: Meaning) => a.kind === b.kind && a.kind !== 'okänt' && (a.kind !== 'beslut' || decisionKey(a.decision) === decisionKey((b as { decision: Decision }).decision));

/** The decision text the winner gives, for the card's Beslut field ("avslå förslaget"). */
export function winningDecisionInput(body: Body, item: Item): string | undefined {
  const w = winnerOf(body, item);
  if (!w) return undefined;
  if (w.meaning.kind === 'beslut') return decisionInput(w.meaning.decision);
  if (w.meaning.kind === 'avslag') return 'avslå förslaget';
  return undefined;
}

const mentionsAvslag = (d: Decision) => /(?<!\p{L})avsl(?:å|ås|og|ogs|ag)(?!\p{L})/iu.test(d.form === 'att' ? d.clauses[0] ?? '' : d.text);

/** Refuses an outcome that contradicts the votering or the chair's proposition on the §. */
export function assertOutcomeFollows(body: Body, item: Item, kind: OutcomeKind, decision: Decision | undefined): void {
  const w = winnerOf(body, item);
  if (!w) return;
  const refuse = (expected: string) => {
    throw new UserError(`Beslutet i § ${item.paragraph} måste följa ${w.source}: ${w.what} vann. ${expected}`, 'contradicts');
  };
  const typed = kind === 'beslut' || kind === 'noterat';
  switch (w.meaning.kind) {
    case 'återremitteras':
    case 'bordläggs':
      if (kind !== w.meaning.kind) refuse(`Ärendet ska ${w.meaning.kind === 'bordläggs' ? 'bordläggas (Bordläggs)' : 'återremitteras (Återremitteras)'}.`);
      return;
    case 'avslag':
      if (!typed || !decision || !mentionsAvslag(decision)) refuse(`Beslutet blir: "${body.name} beslutade att avslå förslaget."`);
      return;
    case 'beslut':
      if (!typed || !decision || decisionKey(decision) !== decisionKey(w.meaning.decision)) refuse(`Beslutet blir: "${renderDecision(body.name, w.meaning.decision)}"`);
      return;
    case 'okänt': {
      if (!typed || !decision) refuse('Skriv beslutet enligt det vinnande förslaget i fältet Beslut.');
      for (const ref of w.losers) {
        const lost = meaningOf(body, item, ref);
        if (lost.kind === 'beslut' && decisionKey(lost.decision) === decisionKey(decision!)) refuse('Beslutet är det förslag som förlorade.');
        if (lost.kind === 'avslag' && mentionsAvslag(decision!)) refuse('Avslag är det förslag som förlorade.');
      }
    }
  }
}

/** Refuses a bifall to a yrkande that lost the votering on the §. */
export function assertBifallFollows(body: Body, item: Item, motionId: string): void {
  const vote = [...item.votes].reverse().find((v) => v.sides);
  if (!vote?.sides) return;
  const side = vote.sides[vote.result];
  if (side.ref === motionId || sameMeaning(meaningOf(body, item, side.ref), meaningOf(body, item, motionId))) return;
  const n = item.motions.findIndex((m) => m.id === motionId) + 1;
  throw new UserError(
    `Yrkande ${n} kan inte bifallas: i voteringen i § ${item.paragraph} (${röster(vote.ja, 'ja')} mot ${röster(vote.nej, 'nej')}) vann ${vote.result}-sidan (${side.outcome}).`,
    'contradicts',
  );
}
