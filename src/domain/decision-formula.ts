/**
 * A decision as protocols write it. A förslag or a Beslut is read either as att-satser
 * ("att anta rutinen", "Nämnden beslutar att …", "1. anta … 2. uppdra åt …") that the body's
 * formula carries ("Socialnämnden beslutade att anta rutinen."), or as a sentence of its own
 * that stands as written under the § ("Föredragningslistan godkändes."). The organ's name is
 * never repeated and an att-sats starts with a lower-case verb. Pure.
 */

export type Decision = { form: 'att'; clauses: string[] } | { form: 'sentence'; text: string };

/** Verbs a decision commonly starts with, as infinitives (to tell "Godkänna avtalet." from "Avtalet godkänns."). */
const INFINITIVES = new Set(
  (
    'anta avslå avstyrka avsluta avskriva avsätta avveckla anvisa besluta bevilja bifalla bordlägga delegera ' +
    'entlediga fastställa fatta fördela förklara förlänga föreslå ge genomföra godkänna godta hemställa hyra ' +
    'inrätta ingå justera lämna lägga medge notera rekommendera revidera se starta säga ta teckna tilldela ' +
    'tillsätta tillstyrka tillämpa upphandla upphäva uppdra utse utnämna välja yttra återremittera ändra ' +
    'överlämna överlåta anmoda avge köpa sälja ansöka redovisa anställa förorda förnya bilda upprätta'
  ).split(' '),
);

/** Finite and passive forms that make a text a sentence of its own ("Layouten godkänns."). */
const FINITE = /^(?:är|var|blir|blev|har|hade|ska|skall|kommer|kan|får|läggs|lades|\p{L}+(?:s|des|tes|dde|tte))$/iu;

/** Subjects a förslag may open with besides the body's own name. */
const GENERIC_SUBJECT = /^(?:nämnden|styrelsen|utskottet|rådet|samrådet|organet|beredningen|direktionen|fullmäktige)$/iu;

const firstWord = (s: string) => s.match(/^[\p{L}-]+/u)?.[0] ?? '';

/** Words ending in -a that open a sentence, never an att-sats ("Inga synpunkter lämnades."). */
const NOT_VERBS = new Set(['inga', 'alla', 'båda', 'bägge', 'andra', 'dessa', 'denna', 'flera', 'vissa', 'några', 'många', 'samma', 'samtliga', 'övriga', 'sådana', 'egna', 'nya', 'hela', 'enda', 'första', 'sista', 'senaste', 'nästa', 'förra', 'mina', 'våra', 'deras', 'hennes', 'hans']);

/** "Godkänna", "anta", "ge": a word that starts an att-sats. */
function isInfinitive(word: string, next: string | undefined): boolean {
  const w = word.toLocaleLowerCase('sv');
  if (INFINITIVES.has(w)) return true;
  if (NOT_VERBS.has(w)) return false;
  // "Riktlinjerna antas." ends in -a too; a finite verb after it makes it a sentence.
  // A capital after it is a name ("Anna Andersson väljs …"), not a verb and its object.
  return /[aå]$/u.test(w) && w.length >= 4 && !(next && (FINITE.test(next) || /^\p{Lu}/u.test(next)));
}

/** Lower-case the verb that opens an att-sats ("Anta" → "anta"), never a name. */
function lowerVerb(clause: string): string {
  const w = firstWord(clause);
  const next = clause.slice(w.length).trim().split(/\s+/)[0];
  return w && isInfinitive(w, next) ? clause.charAt(0).toLocaleLowerCase('sv') + clause.slice(1) : clause;
}

/** "godkänner" → "godkänna", "antar" → "anta", "avslår" → "avslå", "ger" → "ge": the present tense a förslag is written in. */
function infinitiveOf(verb: string): string | undefined {
  const v = verb.toLocaleLowerCase('sv');
  const special: Record<string, string> = { ger: 'ge', ser: 'se', utser: 'utse', tar: 'ta', går: 'gå', får: 'få', slår: 'slå' };
  if (special[v]) return special[v];
  if (/år$/u.test(v)) return v.slice(0, -1);
  if (/[^aeiouyåäö]er$/u.test(v) || /ar$/u.test(v)) return `${v.slice(0, -2)}a`;
  return undefined;
}

const stripEnd = (s: string) => s.trim().replace(/[\s.;,]+$/u, '').trim();
const stripAtt = (s: string) => s.trim().replace(/^att\s+/iu, '');

/** "1. anta … 2. uppdra …", or lines / ", att" joining several att-satser. */
function splitClauses(text: string): string[] {
  const numbered = text.split(/(?:^|\s)\d{1,2}[.)]\s+/u).map((s) => s.trim());
  let parts: string[];
  if (numbered.length > 2 && numbered[0] === '') parts = numbered.slice(1);
  else parts = text.split(/\n+|[,;]\s*(?=att\s)|\s+samt\s+(?=att\s)/iu);
  return parts.map((p) => lowerVerb(stripAtt(stripEnd(p)))).filter(Boolean);
}

/** Reads a förslag or a Beslut. `bodyName` is recognised as the subject so it is never repeated. */
export function parseDecision(raw: string, bodyName: string): Decision {
  let text = raw.replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  const subject = (() => {
    const lower = text.toLocaleLowerCase('sv');
    const name = bodyName.trim().toLocaleLowerCase('sv');
    if (name && lower.startsWith(`${name} `)) return bodyName.trim().length;
    const w = firstWord(text);
    return GENERIC_SUBJECT.test(w) && text[w.length] === ' ' ? w.length : 0;
  })();
  if (subject) {
    const rest = text.slice(subject).trim();
    const verb = firstWord(rest);
    const after = rest.slice(verb.length).trim();
    if (/^(?:beslutar|beslutade|beslöt|besluta)$/iu.test(verb) && /^att\b/iu.test(after)) return { form: 'att', clauses: splitClauses(stripAtt(after)) };
    if (/^föreslås$/iu.test(verb) && /^besluta\s+att\b/iu.test(after)) return { form: 'att', clauses: splitClauses(after.replace(/^besluta\s+att\s+/iu, '')) };
    const inf = verb ? infinitiveOf(verb) : undefined;
    if (inf && after) return { form: 'att', clauses: splitClauses(`${inf} ${after}`) };
  }
  // "Förvaltningen föreslår att nämnden beslutar att …": the att-satser after the last "beslutar att".
  const proposed = text.match(/^[^.\n]*?\bföreslår\b[^.\n]*?\bbeslutar?\s+att\s+([\s\S]+)$/iu);
  if (proposed && !subject) return { form: 'att', clauses: splitClauses(proposed[1]) };
  if (/^att\s/iu.test(text) || /^\d{1,2}[.)]\s/u.test(text)) {
    text = stripAtt(text);
    return { form: 'att', clauses: splitClauses(text) };
  }
  const w = firstWord(text);
  const next = text.slice(w.length).trim().split(/\s+/)[0]?.replace(/[.,;]$/u, '');
  if (w && isInfinitive(w, next)) return { form: 'att', clauses: splitClauses(text) };
  return { form: 'sentence', text: /[.!?]$/u.test(text) ? text : `${text}.` };
}

/** The decision under the §: "<organ> beslutade att …", or the sentence as written. */
export function renderDecision(bodyName: string, d: Decision): string {
  if (d.form === 'sentence') return d.text;
  if (d.clauses.length === 1) return `${bodyName} beslutade att ${d.clauses[0]}.`;
  // Each att-sats on its own line, numbered, as protocols set them.
  return `${bodyName} beslutade att\n${d.clauses.map((c, i) => `${i + 1}. ${c}${i === d.clauses.length - 1 ? '.' : ''}`).join('\n')}`;
}

/** The decision as text to type again (the card's Beslut field): the att-satser alone, or the sentence. */
export function decisionInput(d: Decision): string {
  if (d.form === 'sentence') return d.text;
  return d.clauses.length === 1 ? d.clauses[0] : d.clauses.map((c, i) => `${i + 1}. ${c}`).join('\n');
}

/** For comparing two decisions: case, spacing and punctuation do not matter. */
export function decisionKey(d: Decision): string {
  const norm = (s: string) => s.toLocaleLowerCase('sv').replace(/[\s.,;:!?"'”“]+/gu, ' ').trim();
  return d.form === 'sentence' ? `s:${norm(d.text)}` : `a:${d.clauses.map(norm).join('|')}`;
}
