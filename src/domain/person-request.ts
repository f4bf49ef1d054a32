/**
 * A person's request about their own data (GDPR art. 16 rättelse, art. 17 radering): recorded,
 * sent to the secretary of each body the person is in, handled once by one of them. Pure.
 */
import { NotAllowedError, UserError } from './errors';

export type RequestKind = 'rättelse' | 'radering';
export type RequestStatus = 'mottagen' | 'utförd' | 'avslagen';

export interface RequestBody {
  bodyId: string;
  name: string;
  conversationId: string;
}

/** What an erasure removed, for the audit log and the person's answer. */
export interface Erased {
  /** Conversation references: the personal chat, and group conversations where they spoke last. */
  conversations: number;
  /** Delivered or failed outgoing messages addressed to them. */
  outbox: number;
  /** Teams links of roster entries of people no longer on the roster. */
  rosterLinks: number;
}

export interface PersonRequest {
  id: string;
  kind: RequestKind;
  aadObjectId: string;
  name: string;
  /** The person's Teams user id (29:…), to open a personal chat with the answer if none is stored. */
  teamsUserId?: string;
  /** What is wrong (rättelse). */
  text?: string;
  createdAt: string;
  bodies: RequestBody[];
  status: RequestStatus;
  decidedBy?: { id: string; name: string; bodyId: string };
  decidedAt?: string;
  /** Why it was refused, or (rättelse) what was corrected. */
  reason?: string;
  erased?: Erased;
}

export const MAX_REQUEST_TEXT = 2000;
export const MAX_REASON = 1000;

export const CORRECTION_EXAMPLE = 'Skriv till exempel: "rätta mina uppgifter Mitt efternamn stavas Stuge, inte Stugé."';

/** The text after "rätta mina uppgifter": what is wrong, required and bounded. */
export function parseCorrection(raw: string): string {
  const text = raw.trim().replace(/[ \t]+/g, ' ');
  if (!text) throw new UserError(`Skriv vad som är fel efter "rätta mina uppgifter". ${CORRECTION_EXAMPLE}`);
  if (text.length > MAX_REQUEST_TEXT) throw new UserError(`Beskrivningen är för lång (högst ${MAX_REQUEST_TEXT} tecken). Inget har sparats.`);
  return text;
}

export function newRequest(fields: Pick<PersonRequest, 'id' | 'kind' | 'aadObjectId' | 'name' | 'teamsUserId' | 'text' | 'createdAt' | 'bodies'>): PersonRequest {
  if (fields.bodies.length === 0) {
    throw new UserError('Du finns inte med i något organ i Paragraf, så det finns ingen sekreterare att skicka begäran till. Skriv "mina uppgifter" för att se vad som finns sparat om dig.');
  }
  return { ...fields, status: 'mottagen' };
}

export type Decision = 'utförd' | 'avslagen';

/**
 * The secretary's decision. Refused: a reason is required. Only a secretary of a body the
 * request was sent to may decide, and only once.
 */
export function decide(req: PersonRequest, decision: Decision, by: { id: string; name: string; bodyId: string }, reason: string | undefined, at: string): PersonRequest {
  if (!req.bodies.some((b) => b.bodyId === by.bodyId)) throw new NotAllowedError('Begäran skickades inte till det här organet.');
  if (req.status !== 'mottagen') {
    throw new UserError(`Begäran är redan ${req.status === 'utförd' ? 'utförd' : 'avslagen'} av ${req.decidedBy?.name ?? 'en sekreterare'}. Inget har ändrats.`, 'duplicate');
  }
  const why = reason?.trim();
  if (decision === 'avslagen' && !why) throw new UserError('Skriv ett skäl innan du avslår begäran; det skickas till den som begärde. Inget har ändrats.');
  if (why && why.length > MAX_REASON) throw new UserError(`Skälet är för långt (högst ${MAX_REASON} tecken). Inget har ändrats.`);
  return { ...req, status: decision, decidedBy: by, decidedAt: at, ...(why ? { reason: why } : {}) };
}

export const KIND_LABEL: Record<RequestKind, string> = { rättelse: 'Begäran om rättelse', radering: 'Begäran om radering' };

/**
 * What an erasure keeps, and why. Worded cautiously: whether a record is an allmän handling, and
 * how long it is kept, is for the kommun's or region's own arkivreglering to say.
 */
export const KEPT_AND_WHY =
  'Paragraf raderar inte det som är eller kan vara allmänna handlingar: justerade protokoll (med närvaro, röster, jäv och reservationer) och ändringsloggen över vem som gjort vad. ' +
  'Hos en kommunal eller regional myndighet blir ett protokoll en allmän handling när det har justerats (tryckfrihetsförordningen 2 kap. 4 och 10 §§, offentlighetsprincipen). ' +
  'Allmänna handlingar ska bevaras och får bara gallras med stöd av arkivlagen (1990:782) och kommunens eller regionens arkivreglering (dokumenthanteringsplan). ' +
  'Rätten till radering gäller inte uppgifter som behövs för att fullgöra en rättslig förpliktelse eller för arkivändamål av allmänt intresse (dataskyddsförordningen artikel 17.3 b och d). ' +
  'Frågor om detta besvarar organets sekreterare eller kommunens dataskyddsombud.';

/** A justerat protocol is not edited; say how it is corrected instead. */
export const LOCKED_PROTOCOL_NOTE =
  'Ett justerat protokoll ändras inte i efterhand. Det rättas bara genom en ny version som justeras på nytt (Rätta en paragraf); den justerade versionen finns kvar.';

/** What an erasure removes, in words, for the request card and the person's answer. */
export const ERASES =
  'Radering tar bort dina konversationsreferenser (hur Paragraf når dig i chatten), dina kontaktuppgifter i skickade meddelanden och, i organ där du inte längre finns på ledamotslistan, kopplingen mellan listan och din Teams-identitet.';

/** The person's answer when their request has been handled. */
export function outcomeText(req: PersonRequest): string {
  const who = req.decidedBy?.name ?? 'sekreteraren';
  const body = req.bodies.find((b) => b.bodyId === req.decidedBy?.bodyId)?.name;
  const by = body ? `${who} (${body})` : who;
  if (req.kind === 'rättelse') {
    if (req.status === 'utförd') {
      return `Din begäran om rättelse är utförd av ${by}.${req.reason ? ` ${req.reason}` : ''}\n\n${LOCKED_PROTOCOL_NOTE}`;
    }
    return `Din begäran om rättelse avslogs av ${by}. Skäl: ${req.reason}\n\n${LOCKED_PROTOCOL_NOTE}`;
  }
  if (req.status === 'utförd') {
    const e = req.erased;
    const what = e
      ? `${e.conversations} konversationsreferens(er), ${e.outbox} skickade meddelanden och ${e.rosterLinks} koppling(ar) i ledamotslistor togs bort.`
      : '';
    return `Din begäran om radering är utförd av ${by}. ${what}\n\n${KEPT_AND_WHY}`;
  }
  return `Din begäran om radering avslogs av ${by}. Skäl: ${req.reason}\n\n${KEPT_AND_WHY}`;
}
