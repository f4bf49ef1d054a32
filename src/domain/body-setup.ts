/**
 * Setting up a body by text: `nytt organ <namn>` with optional lines `Profil:`, `Diarieprefix:`,
 * `Justering: 14 dagar`, `Påminnelse: 2 dagar`, `Organisationer: a, b, c`, `Förvaringsplats: …`,
 * `Huvudman: kommun|region`. Pure.
 */
import { HUVUDMAN, PROFILES, ledamoter, type Body, type Huvudman, type Profile } from './body';
import { UserError } from './errors';
import { joinSv } from './sv-text';
import { refuseInvisible } from './invisible-text';

export interface BodySettings {
  profile?: Profile;
  diariePrefix?: string;
  justeringDays?: number;
  reminderDays?: number;
  organisations?: string[];
  forvaringsplats?: string;
  huvudman?: Huvudman;
}

export const MAX_FORVARINGSPLATS = 160;

export const DEFAULT_JUSTERING_DAYS = 14;
export const DEFAULT_REMINDER_DAYS = 2;
export const MAX_BODY_NAME = 120;

const EXAMPLE = 'Skriv till exempel:\nnytt organ Vård- och omsorgsnämnden\nProfil: kommunallagen\nDiarieprefix: VON\nJustering: 14 dagar\nPåminnelse: 2 dagar\nOrganisationer: Umeå kommun, Vännäs kommun\nFörvaringsplats: Kommunkansliet, Umeå kommun\nHuvudman: kommun';

/** Setting keys that, inside a name, show that the settings lines lost their line breaks. */
const SETTING_IN_NAME = /(profil|diarieprefix|justering|påminnelse|paminnelse|organisationer|huvudmän|namn)\s*:/iu;

export const FORM_HINT = 'Använd formuläret, där varje inställning har sitt eget fält: skriv "nytt organ" utan namn (eller "organ" och tryck Ändra inställningar), eller tryck Nytt organ (formulär) på hjälpkortet.';

export function parseBodyName(raw: string): string {
  // Refused before spaces are collapsed, since \s counts U+FEFF as one (see invisible-text.ts).
  const name = refuseInvisible(raw, 'Organets namn').trim().replace(/\s+/g, ' ');
  if (!name) throw new UserError(`Organet behöver ett namn. ${EXAMPLE}`);
  const swallowed = name.match(SETTING_IN_NAME);
  if (swallowed) {
    // "Samråd vård och omsorgProfil: samverkanDiarieprefix: HSN": the client dropped the line breaks.
    throw new UserError(
      `Namnet "${name.slice(0, 80)}" innehåller "${swallowed[0]}": raderna med inställningar har hamnat på samma rad som namnet, troligen för att radbrytningarna försvann på vägen. Inget har sparats. ${FORM_HINT}`,
      'swallowed_settings',
    );
  }
  if (name.length > MAX_BODY_NAME) throw new UserError(`Namnet är för långt (högst ${MAX_BODY_NAME} tecken).`);
  return name;
}

function days(value: string, field: string): number {
  const m = value.match(/^(\d{1,3})(\s*(dagar|dag|d))?$/i);
  if (!m) throw new UserError(`${field} ska vara ett antal dagar, t.ex. "${field}: 14 dagar".`);
  const n = Number(m[1]);
  if (n < 0 || n > 365) throw new UserError(`${field} ska vara mellan 0 och 365 dagar.`);
  return n;
}

/**
 * Where the protocol is kept, as the anslagsbevis prints it. It names the authority's own archive
 * (kommunkansliet, registraturen), not Paragraf, which keeps a copy but is no arkiv under arkivlagen.
 */
function forvaringsplats(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) throw new UserError('Skriv var protokollen förvaras, t.ex. "Förvaringsplats: Kommunkansliet, Norrby kommun".');
  if (text.length > MAX_FORVARINGSPLATS) throw new UserError(`Förvaringsplatsen är för lång (högst ${MAX_FORVARINGSPLATS} tecken).`);
  if (/^paragraf\b/i.test(text)) throw new UserError('Förvaringsplatsen är den plats där myndigheten förvarar originalprotokollen, t.ex. "Förvaringsplats: Kommunkansliet, Norrby kommun". Paragraf är ingen förvaringsplats.');
  return text;
}

/** Reads the setting lines; an unknown or malformed line is refused with the right form. */
export function parseBodySettings(text: string): BodySettings {
  const out: BodySettings = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = line.match(/^([\p{L} ]+?)\s*:\s*(.*)$/u);
    if (!m) throw new UserError(`Raden "${line.slice(0, 80)}" kunde inte läsas. ${EXAMPLE}`);
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'profil') {
      const p = PROFILES.find((x) => x === value.toLowerCase());
      if (!p) throw new UserError(`Okänd profil "${value.slice(0, 40)}". Välj ${joinSv(PROFILES.map((x) => `"${x}"`))}.`);
      out.profile = p;
    } else if (key === 'diarieprefix') {
      if (!/^[\p{L}\d .:-]{1,20}$/u.test(value)) throw new UserError('Diarieprefixet ska vara kort, t.ex. "Diarieprefix: VON".');
      out.diariePrefix = value;
    } else if (key === 'justering') {
      out.justeringDays = days(value, 'Justering');
    } else if (key === 'påminnelse' || key === 'paminnelse') {
      out.reminderDays = days(value, 'Påminnelse');
    } else if (key === 'organisationer' || key === 'huvudmän') {
      value.split(/[,;]/).forEach((o) => refuseInvisible(o, 'Organisationen'));
      const orgs = value.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
      if (orgs.some((o) => o.length > 80)) throw new UserError('Ett organisationsnamn är för långt (högst 80 tecken).');
      out.organisations = [...new Set(orgs)];
    } else if (key === 'förvaringsplats' || key === 'forvaringsplats') {
      out.forvaringsplats = forvaringsplats(value);
    } else if (key === 'huvudman') {
      const h = HUVUDMAN.find((x) => x === value.toLowerCase());
      if (!h) throw new UserError(`Huvudman ska vara "kommun" eller "region" (det styr om anslagsbeviset säger kommunens eller regionens anslagstavla), t.ex. "Huvudman: region". Medlemsorganisationer skrivs på raden "Organisationer: a, b".`);
      out.huvudman = h;
    } else {
      throw new UserError(`Okänd inställning "${m[1].slice(0, 40)}". ${EXAMPLE}`);
    }
  }
  return out;
}

export function newBody(input: { id: string; name: string; conversationId: string; founder: string; at: string; settings: BodySettings }): Body {
  const s = input.settings;
  return {
    id: input.id,
    name: input.name,
    profile: s.profile ?? 'kommunallagen',
    diariePrefix: s.diariePrefix,
    justeringDays: s.justeringDays ?? DEFAULT_JUSTERING_DAYS,
    reminderDays: s.reminderDays ?? DEFAULT_REMINDER_DAYS,
    organisations: s.organisations ?? [],
    ...(s.forvaringsplats ? { forvaringsplats: s.forvaringsplats } : {}),
    ...(s.huvudman ? { huvudman: s.huvudman } : {}),
    conversationId: input.conversationId,
    roster: [],
    founders: [input.founder],
    createdAt: input.at,
  };
}

export function applySettings(body: Body, s: BodySettings, name?: string): Body {
  return {
    ...body,
    name: name ?? body.name,
    profile: s.profile ?? body.profile,
    diariePrefix: s.diariePrefix ?? body.diariePrefix,
    justeringDays: s.justeringDays ?? body.justeringDays,
    reminderDays: s.reminderDays ?? body.reminderDays,
    organisations: s.organisations ?? body.organisations,
    forvaringsplats: s.forvaringsplats ?? body.forvaringsplats,
    huvudman: s.huvudman ?? body.huvudman,
  };
}

/** "Umeå kommun", "Umeå", "Region Västerbotten" and "Västerbotten" name the same huvudman. */
export function organisationKey(org: string): string {
  return org
    .toLowerCase()
    .replace(/\b(kommuns?|regionen|region|landsting(et)?)\b/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The body's member organisations that have no ledamot (ordförande, vice ordförande or ledamot) on the roster. */
export function organisationsWithoutLedamot(body: Body): string[] {
  const named = new Set(ledamoter(body).filter((r) => r.organisation).map((r) => organisationKey(r.organisation!)));
  return body.organisations.filter((o) => !named.has(organisationKey(o)));
}

export function missingOrganisationsText(body: Body): string | undefined {
  const missing = organisationsWithoutLedamot(body);
  return missing.length ? `Det saknas fortfarande ledamöter från ${joinSv(missing)}.` : undefined;
}
