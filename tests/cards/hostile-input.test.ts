import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';
import type { Case, HistoryEntry } from '../../src/domain/cases';
import { buildKommunallagen } from '../support/protocol-fixtures';
import { createDraft, sendForJustering } from '../../src/domain/protocol/versions';
import type { AdaptiveCard } from '../../src/cards/render';
import { agendaItemEditCard } from '../../src/cards/agenda-item-edit/agenda-item-edit';
import { agendaPreviewCard } from '../../src/cards/agenda-preview/agenda-preview';
import { caseDetailCard } from '../../src/cards/arende/arende';
import { caseLogCard } from '../../src/cards/arendelogg/arendelogg';
import { bodyCard } from '../../src/cards/body/body';
import { helpCard } from '../../src/cards/help/help';
import { immediateCard, itemCard } from '../../src/cards/item/item';
import { kallelseCard } from '../../src/cards/kallelse/kallelse';
import { myCasesCard } from '../../src/cards/mina-uppdrag/mina-uppdrag';
import { protocolReviewCard } from '../../src/cards/protocol-review/protocol-review';
import { protocolCard } from '../../src/cards/protocol/protocol';
import { registerExtractCard } from '../../src/cards/registerutdrag/registerutdrag';
import type { RegisterExtract } from '../../src/domain/register-extract';
import { personRequestCard } from '../../src/cards/person-request/person-request';
import { demoCard } from '../../src/cards/demo/demo';
import { agendaFormCard, bodyFormCard, rosterFormCard } from '../../src/cards/forms/forms';
import { meetingClosedCard } from '../../src/cards/meeting-closed/meeting-closed';
import { protocolCorrectionCard } from '../../src/cards/protocol-correction/protocol-correction';
import { CORRECTION_FIELDS } from '../../src/domain/protocol/paragraph-correction';
import type { PersonRequest, RequestBody } from '../../src/domain/person-request';
import { startConfirmCard } from '../../src/cards/start-confirm/start-confirm';
import { StartDayQuestion } from '../../src/domain/meeting-start';
import { rosterCard } from '../../src/cards/roster/roster';
import { substituteRequestCard } from '../../src/cards/substitute-request/substitute-request';
import { uppropCard } from '../../src/cards/upprop/upprop';
import { castingCard, voteCard } from '../../src/cards/vote/vote';
import { closeConfirmCard } from '../../src/cards/close-confirm/close-confirm';
import { replaceOutcomeCard } from '../../src/cards/item/item';
import { escapeMarkdown, markdownLink, safeLinkUrl } from '../../src/cards/escape';
import { itemDetails } from '../../src/cards/item-details';

/**
 * Every card builder with hostile user text in every field a person can write (body name, names,
 * titles, notes, decisions, Bilaga URLs). Each TextBlock text and FactSet title/value is parsed
 * with markdown-it (the parser the Adaptive Cards web renderer uses in Teams): no link may come
 * from user text except a Bilaga link to a checked http(s) URL, and no emphasis, heading, list,
 * table, rule, image or HTML at all; bidi and zero-width characters never reach the card.
 */

const LINK = '[Klicka här](https://evil.example/x)';
const JS = '[x](javascript:alert(1))';
const HOSTILE = `${LINK} ${JS} **fet** _kursiv_ ~~bort~~ <b>html</b> ![bild](https://evil.example/i.png) \u202Eexe.pdf Eva\u200BStuge`;
const BLOCKS = `    kod\n# Rubrik\n- punkt\n1. lista\n---\n> citat\n| a | b |\n|---|---|`;
const BILAGA_URL = 'https://kommun.example/handling (1).pdf)[x](javascript:alert(1))';

function hostileNamnd(): { body: Body; meeting: Meeting } {
  const { body, meeting } = buildKommunallagen('19:hostile@thread.v2');
  const h = (label: string) => `${label} ${HOSTILE}`;
  const roster = body.roster.map((r) => (r.name === 'Eva Stuge' ? { ...r, name: `Eva ${LINK} **Stuge** \u202E` } : r));
  const items = meeting.items.map((it, i) => ({
    ...it,
    title: h(`Titel ${i}`),
    kind: (i === 1 ? `Beslutsärende ${LINK}` : it.kind) as never,
    presenters: h('Föredragande'),
    attachments: [`48. Layout ${BILAGA_URL}`, `${JS} https://evil.example/a)b`, 'javascript:alert(1)', h('Bilaga')],
    proposal: h('Förslag'),
    description: `${BLOCKS}\n${HOSTILE}`,
    note: `${BLOCKS}\n${HOSTILE}`,
    motions: it.motions.map((m) => ({ ...m, text: h('Yrkande') })),
    reservations: it.reservations.map((r) => ({ ...r, text: h('Reservation') })),
    assignments: [{ ownerName: h('Ägare'), text: h('Uppdrag'), due: '2022-01-31' }],
    questions: [{ askedBy: h('Säter'), text: h('Fråga') }],
    outcome: it.outcome ? { ...it.outcome, formula: h('Beslutet'), decision: h('att') } : it.outcome,
    immediateJustering: i === 1 ? { approvals: [{ memberId: 'r2', at: '2021-12-17T10:00:00.000Z' }] } : undefined,
  }));
  const hostileBody: Body = { ...body, name: `Nämnden ${HOSTILE} # ${BLOCKS}`, roster, organisations: [h('Org')], diariePrefix: '[x](https://evil.example)' };
  const m: Meeting = { ...meeting, items, place: h('Plats'), diarienummer: h('Dnr'), nextMeeting: h('Nästa') };
  return { body: hostileBody, meeting: m };
}

const links = { md: 'https://paragraf.example/p/v1.md?sig=a', docx: 'https://paragraf.example/p/v1.docx?sig=a' };
const NOW = '2021-12-18T09:00:00.000Z';

function hostileCase(): Case {
  return {
    id: '2021-00001',
    bodyId: 'b',
    number: '2021-00001',
    diarienummer: `${LINK}`,
    title: `Ärende ${HOSTILE}`,
    origin: { kind: 'skrivelse', raisedBy: `Säter ${LINK}` },
    owner: `Anna ${LINK}`,
    status: 'öppet',
    due: '2022-01-31',
    tags: [`tagg ${LINK}`],
    attachments: [`bilaga ${LINK}`],
    nextMeeting: true,
    closingNote: `Avslutat ${HOSTILE}`,
    createdAt: NOW,
    lastActivityAt: NOW,
  };
}

const history: HistoryEntry[] = [{ seq: 1, at: NOW, by: `Maria ${LINK} **Lind**`, byId: 'aad', kind: 'anteckning', text: `${BLOCKS}\n${HOSTILE}` }];

/** One builder per folder in src/cards: a new card without an entry here fails the coverage test below. */
const builders: Record<string, () => AdaptiveCard[]> = {
  'agenda-item-edit': () => {
    const { meeting } = hostileNamnd();
    return [agendaItemEditCard(meeting, meeting.items[1])];
  },
  'agenda-preview': () => {
    const { body, meeting } = hostileNamnd();
    const planned = { ...meeting, status: 'planerat' as const };
    return [agendaPreviewCard(body, planned, [{ caseId: 'c1', title: `Förslag ${HOSTILE}`, reason: `bordlagt ${LINK}` }])];
  },
  arende: () => [caseDetailCard({ c: hostileCase(), history, people: [`Per ${LINK}`], today: '2022-02-01', when: () => '1 feb. 2022 09:00' })],
  arendelogg: () => [caseLogCard({ bodyName: `Nämnden ${HOSTILE}`, cases: [hostileCase()], filter: { status: 'alla öppna' }, offset: 0, today: '2022-02-01', tabUrl: 'https://paragraf.example/tab' })],
  body: () => [bodyCard({ ...hostileNamnd().body, roster: hostileNamnd().body.roster.map((r) => ({ ...r, secretary: true })) })],
  help: () => [helpCard([{ title: 'Före mötet', commands: [{ command: `nytt organ <namn> ${LINK}`, description: `**Skapar** ${JS}` }] }], `Intro ${HOSTILE}`, [])],
  demo: () => {
    const { body } = hostileNamnd();
    return [demoCard({ ...body, demo: true }, body.roster[0]!.aadObjectId ?? 'x')];
  },
  forms: () => [bodyFormCard(hostileNamnd().body), bodyFormCard(), rosterFormCard(), agendaFormCard()],
  item: () => {
    const { body, meeting } = hostileNamnd();
    const decided = meeting.items.findIndex((i) => i.outcome);
    return [
      itemCard(body, meeting, 1, `Status ${HOSTILE}`),
      itemCard(body, meeting, 2),
      immediateCard(body, meeting, 1),
      ...(decided >= 0 ? [replaceOutcomeCard(body, meeting, decided, { kind: 'noterat', formula: `Nytt ${HOSTILE}`, decision: `Nytt ${HOSTILE}`, note: `Not ${HOSTILE}` })] : []),
    ];
  },
  'close-confirm': () => {
    const { body, meeting } = hostileNamnd();
    return [closeConfirmCard(body, meeting, `Nästa ${HOSTILE}`)];
  },
  kallelse: () => {
    const { body, meeting } = hostileNamnd();
    const kallat = { ...meeting, status: 'kallat' as const, rsvps: { r2: { memberId: 'r2', answer: 'förhinder' as const, at: NOW } } };
    return [kallelseCard(body, kallat, { icsUrl: 'https://paragraf.example/ics', viewer: body.roster[1], summary: true })];
  },
  'mina-uppdrag': () => [myCasesCard([{ c: hostileCase(), bodyName: `Nämnden ${HOSTILE}`, url: 'https://paragraf.example/tab' }], '2022-02-01')],
  'protocol-review': () => {
    const { body, meeting } = hostileNamnd();
    const sent = sendForJustering(body, createDraft(body, { ...meeting, status: 'avslutat' }, NOW, 'Maria Lind'), NOW);
    return [protocolReviewCard({ body, meeting: sent, memberId: 'r2', links, notice: `Notis ${HOSTILE}` })];
  },
  protocol: () => {
    const { body, meeting } = hostileNamnd();
    const draft = createDraft(body, { ...meeting, status: 'avslutat' }, NOW, 'Maria Lind');
    const withRequest = { ...draft, protocol: draft.protocol.map((v) => ({ ...v, changeRequests: [{ memberId: 'r2', paragraph: 2, comment: `Ändra ${HOSTILE}`, at: NOW }] })) };
    return [protocolCard({ body, meeting: withRequest, links, notice: `Notis ${HOSTILE}`, today: '2021-12-18' })];
  },
  registerutdrag: () => {
    const { body } = hostileNamnd();
    const at = { body: body.name, meeting: `2021-12-17 ${HOSTILE}`, paragraph: 2 };
    const x: RegisterExtract = {
      aadObjectId: 'aad-eva',
      names: [`Eva ${LINK}`],
      roster: [{ body: body.name, bodyId: body.id, name: `Eva ${LINK}`, role: 'ledamot', party: 'm', organisation: `Org ${LINK}`, secretary: false, linked: true }],
      founderOf: [],
      rsvps: [],
      substituteCalls: [],
      attendance: [],
      arrivals: [],
      service: [],
      votes: [{ ...at, question: `Fråga ${HOSTILE}`, choice: 'nej' }],
      jav: [at],
      reservations: [{ ...at, kind: 'reservation', text: `Reservation ${HOSTILE}`, at: NOW }],
      motions: [{ ...at, text: `Yrkande ${HOSTILE}`, withdrawn: false }],
      assignments: [{ ...at, text: `Uppdrag ${HOSTILE}` }],
      questions: [],
      justerare: [],
      approvals: [],
      changeRequests: [],
      protocols: [],
      cases: [{ body: body.name, number: '2021-1', title: `Ärende ${HOSTILE}`, status: 'öppet', why: 'ägare' }],
      caseHistory: [],
      audit: [{ table: 'meetings', partition: 'p', seq: 1, at: NOW, action: 'x', summary: `Sammanfattning ${HOSTILE}`, as: 'utförare' }],
      conversations: [],
      outbox: [],
      requests: [{ kind: 'rättelse', status: 'avslagen', text: `Begäran ${HOSTILE}`, createdAt: NOW, reason: `Skäl ${HOSTILE}` }],
    };
    return [registerExtractCard(x, `Eva ${LINK}`, NOW, 'https://paragraf.example.se/registerutdrag/x.json?sig=abc')];
  },
  roster: () => [rosterCard({ ...hostileNamnd().body, roster: hostileNamnd().body.roster.map((r) => ({ ...r, aadObjectId: undefined })) })],
  'meeting-closed': () => {
    const { body, meeting } = hostileNamnd();
    return [meetingClosedCard(body, { ...meeting, status: 'avslutat', nextMeeting: `Nästa ${HOSTILE}` })];
  },
  'protocol-correction': () => {
    const { body, meeting } = hostileNamnd();
    return CORRECTION_FIELDS.map((field) => protocolCorrectionCard(body, meeting, 1, field, false));
  },
  'person-request': () => {
    const { body } = hostileNamnd();
    const target: RequestBody = { bodyId: body.id, name: body.name, conversationId: body.conversationId };
    const base = { id: 'r1', aadObjectId: 'aad-eva', name: `Eva ${LINK}`, text: `Fel ${HOSTILE}`, createdAt: NOW, bodies: [target] };
    return [
      personRequestCard({ ...base, kind: 'rättelse', status: 'mottagen' } satisfies PersonRequest, target),
      personRequestCard({ ...base, kind: 'radering', status: 'avslagen', decidedBy: { id: 'x', name: `Maria ${LINK}`, bodyId: body.id }, decidedAt: NOW, reason: `Skäl ${HOSTILE}` } satisfies PersonRequest, target),
    ];
  },
  'start-confirm': () => {
    const { body, meeting } = hostileNamnd();
    return [startConfirmCard(body, { ...meeting, status: 'kallat' }, new StartDayQuestion('2021-12-17', '2021-12-02'))];
  },
  'substitute-request': () => {
    const { body, meeting } = hostileNamnd();
    const eva = body.roster.find((r) => r.name.startsWith('Eva'))!;
    return [substituteRequestCard(body, meeting, eva), substituteRequestCard(body, meeting, eva, 'ja')];
  },
  upprop: () => {
    const { body, meeting } = hostileNamnd();
    return [uppropCard(body, { ...meeting, status: 'pågår' }, `Status ${HOSTILE}`)];
  },
  vote: () => {
    const { body, meeting } = hostileNamnd();
    const eva = body.roster.find((r) => r.name.startsWith('Eva'))!;
    const sides = { ja: { ref: 'y1', stance: `bifaller ${eva.name}s yrkande`, outcome: `enligt ${eva.name}s yrkande` }, nej: { ref: 'avslag', stance: 'avslår förslaget', outcome: 'att avslå förslaget' } };
    const open = { id: 'v1', question: `Den som ${sides.ja.stance} röstar ja. ${HOSTILE}`, sides, startedAt: NOW };
    const tie = { ...open, awaitingCastingVote: { ja: 1, nej: 1, avstar: 0, at: NOW } };
    const closed = { id: 'v1', question: open.question, sides, votes: { [eva.id]: 'ja' as const }, ja: 1, nej: 0, avstar: 0, result: 'ja' as const };
    return [
      voteCard(body, meeting, 1, open, { mine: 'ja', note: `Not ${HOSTILE}`, overview: { voted: 1, serving: 3, missing: [eva.id] }, canClose: true }),
      voteCard(body, meeting, 1, closed),
      castingCard(body, meeting, 1, tie, eva.name),
    ];
  },
};

const md = new MarkdownIt(); // default preset: tables and strikethrough on, raw HTML off, like Teams
type Token = ReturnType<typeof md.parse>[number];
const FORBIDDEN_BLOCKS = new Set(['heading_open', 'bullet_list_open', 'ordered_list_open', 'table_open', 'hr', 'blockquote_open', 'code_block', 'fence', 'html_block']);
const FORBIDDEN_INLINE = new Set(['em_open', 's_open', 'image', 'html_inline', 'code_inline']);
const CASE_NUMBER = /^\d{4}-\d{5}$/;

interface Markdown {
  where: string;
  text: string;
}

/** Every string Teams renders as Markdown: TextBlock text, FactSet titles and values. */
function markdownFields(card: unknown): Markdown[] {
  const out: Markdown[] = [];
  const walk = (n: any, path: string) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push({ where: `${path}.text`, text: n.text });
    if (n.type === 'FactSet') for (const [i, f] of (n.facts ?? []).entries()) out.push({ where: `${path}.facts[${i}].title`, text: f.title }, { where: `${path}.facts[${i}].value`, text: f.value });
    for (const [k, v] of Object.entries(n)) walk(v, `${path}.${k}`);
  };
  walk(card, '$');
  return out;
}

/** What markdown-it would make of one field that is not plain text (empty when it is all plain). */
function structureIn(text: string, where: string): string[] {
  const problems: string[] = [];
  const tokens = md.parse(text, {});
  for (const t of tokens) {
    if (FORBIDDEN_BLOCKS.has(t.type)) problems.push(t.type);
    const kids: Token[] = t.children ?? [];
    kids.forEach((k, i) => {
      if (FORBIDDEN_INLINE.has(k.type)) problems.push(k.type);
      if (k.type === 'strong_open' && !(kids[i + 1]?.type === 'text' && CASE_NUMBER.test(kids[i + 1].content) && kids[i + 2]?.type === 'strong_close')) problems.push(`strong_open around "${kids[i + 1]?.content}"`);
      if (k.type === 'link_open') {
        const href = String(k.attrGet('href') ?? '');
        const label = kids[i + 1]?.type === 'text' ? kids[i + 1].content : '';
        // The only link made from user data: a Bilaga on an agenda item, to a checked http(s) URL with nothing able to end it early.
        const bilaga = /\.items\[\d+\]\.text$/.test(where) && /^https?:\/\/[^()\s<>]+$/.test(href) && safeLinkUrl(href) === href;
        if (!bilaga) problems.push(`link to ${href} labelled "${label}"`);
      }
    });
  }
  return problems;
}

const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/;

describe('every card builder escapes every user field', () => {
  test('each folder in src/cards has a hostile-input builder here', () => {
    const dir = join(__dirname, '../../src/cards');
    const folders = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
    expect(Object.keys(builders).sort()).toEqual(folders.sort());
  });

  test.each(Object.keys(builders))('%s: no link, emphasis, heading, list, table or invisible character from user text', (name) => {
    const cards = builders[name]();
    const fields = cards.flatMap(markdownFields);
    expect(fields.length).toBeGreaterThan(0);
    const problems = fields.flatMap((f) => structureIn(f.text, f.where).map((p) => `${f.where}: ${p} in ${JSON.stringify(f.text.slice(0, 120))}`));
    expect(problems).toEqual([]);
    expect(fields.filter((f) => INVISIBLE.test(f.text)).map((f) => f.where)).toEqual([]);
  });

  test('the escaped text still reads as typed: the hostile link shows literally', () => {
    const card = builders.protocol()[0];
    const rendered = markdownFields(card).map((f) => md.renderInline(f.text)).join('\n');
    expect(rendered).toContain('[Klicka här](https://evil.example/x)');
    expect(rendered).toContain('**fet**');
    expect(rendered).not.toContain('<a ');
  });
});

describe('links from user data', () => {
  test('only http(s), no credentials; parentheses, spaces and brackets are percent-encoded', () => {
    expect(safeLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeLinkUrl('https://kommun.se@evil.example/')).toBeUndefined();
    expect(safeLinkUrl('https://kommun.se/a (1).pdf')).toBe('https://kommun.se/a%20%281%29.pdf');
    expect(safeLinkUrl('https://kommun.se/a)[x](javascript:1)')).toBe('https://kommun.se/a%29%5Bx%5D%28javascript:1%29');
    expect(markdownLink('Handling', 'javascript:alert(1)')).toBe('Handling javascript:alert(1)');
    expect(md.renderInline(markdownLink('Handling [1]', 'https://kommun.se/a)b'))).toBe('<a href="https://kommun.se/a%29b">Handling [1]</a>');
  });

  test('a Bilaga URL becomes a link only when it is http(s); ")" and spaces cannot end it early', () => {
    const { meeting } = hostileNamnd();
    const item = { ...meeting.items[1], kind: undefined, presenters: undefined, attachments: ['Protokoll https://kommun.se/dokument(2021) del 2.pdf', `Se ${JS}`, '(se https://kommun.se/x).'] };
    const html = md.renderInline(itemDetails(item));
    expect(html).toContain('<a href="https://kommun.se/dokument%282021%29">Protokoll del 2.pdf</a>');
    expect(html).toContain('<a href="https://kommun.se/x">(se ).</a>');
    expect(html).toContain('Bilaga Se [x](javascript:alert(1))');
    expect(html).not.toContain('javascript:alert(1)"');
  });

  test('escapeMarkdown keeps the words and drops bidi and zero-width characters', () => {
    expect(md.renderInline(escapeMarkdown(`Eva\u200BStuge \u202Efdp.exe ${LINK}`))).toBe('EvaStuge fdp.exe [Klicka här](https://evil.example/x)');
  });
});
