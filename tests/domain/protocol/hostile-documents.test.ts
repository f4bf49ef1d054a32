import MarkdownIt from 'markdown-it';
import { assembleProtocol } from '../../../src/domain/protocol/assemble';
import { renderMarkdown } from '../../../src/domain/protocol/markdown';
import { protocolDocx } from '../../../src/documents/protocol-docx';
import { buildKommunallagen } from '../../support/protocol-fixtures';
import { readZipEntry } from '../../support/zip';

/**
 * The protocol documents with hostile user text in the body name, titles, notes, decisions, names
 * and Bilaga: the Markdown has exactly the structure Paragraf writes (its headings, its vote table,
 * its bold labels) and nothing a user typed; the DOCX holds the text as text (XML-escaped runs, no
 * hyperlink, no field).
 */

const HOSTILE = '[Klicka](https://evil.example/x) ![b](https://evil.example/i.png) **fet** _k_ <b>x</b> | a | b |\u202E\u200B';
const BLOCKS = '# Rubrik\n---\n===\n- punkt\n1) lista\n> citat\n    kod\n| a | b |\n|---|---|';

function hostile() {
  const { body, meeting } = buildKommunallagen('19:hostile-doc@thread.v2');
  const h = (s: string) => `${s} ${HOSTILE}`;
  const b = { ...body, name: h('Nämnden'), roster: body.roster.map((r) => (r.name === 'Eva Stuge' ? { ...r, name: `Eva ${HOSTILE}` } : r)) };
  const items = meeting.items.map((it) => ({
    ...it,
    title: h('Titel'),
    presenters: h('Föredragande'),
    attachments: [h('Bilaga https://kommun.example/a(1).pdf')],
    note: `${BLOCKS}\n${HOSTILE}`,
    proposal: `${BLOCKS}`,
    outcome: it.outcome ? { ...it.outcome, formula: `${BLOCKS}\n${h('Beslut')}` } : it.outcome,
    reservations: it.reservations.map((r) => ({ ...r, text: `${BLOCKS}` })),
  }));
  const m = { ...meeting, items, place: h('Plats'), diarienummer: `${BLOCKS}`, nextMeeting: `${BLOCKS}` };
  return { body: b, meeting: m, model: assembleProtocol(b, m) };
}

test('Markdown: only Paragraf’s own headings, tables and bold labels; no link, image, list, rule, quote or code from user text', () => {
  const { model } = hostile();
  const md = new MarkdownIt();
  const tokens = md.parse(renderMarkdown(model), {});
  const inline = tokens.flatMap((t) => t.children ?? []);
  const count = (type: string) => tokens.filter((t) => t.type === type).length + inline.filter((t) => t.type === type).length;
  expect(count('link_open')).toBe(0);
  expect(count('image')).toBe(0);
  for (const t of ['ordered_list_open', 'hr', 'blockquote_open', 'code_block', 'fence', 'html_block', 'html_inline', 's_open']) expect([t, count(t)]).toEqual([t, 0]);
  // Lists are Paragraf's own (Närvarande, Frånvarande, …, Reservationer): one per list, never nested from a typed line.
  expect(tokens.filter((t) => t.type === 'bullet_list_open' && t.level > 0)).toHaveLength(0);
  // Italics only on the kind of a § (Beslutsärende), as Paragraf writes it.
  expect(inline.flatMap((t, i, all) => (t.type === 'em_open' ? [all[i + 1].content] : []))).toEqual(model.sections.filter((s) => s.kind).map((s) => s.kind));
  // Headings: the title, one per §, Underskrifter (and nothing typed).
  const headings = tokens.flatMap((t, i) => (t.type === 'heading_open' ? [`${t.tag} ${tokens[i + 1].content.split(' ').slice(0, 3).join(' ')}`] : []));
  expect(headings).toEqual(['h1 Protokoll Nämnden \\[Klicka\\](https://evil.example/x)', ...model.sections.map((s) => `h2 § ${s.paragraph}. Titel`), `h2 § ${model.nextMeetingParagraph}. Nästa`, 'h2 Underskrifter']);
  // One table per vote (2 columns), none from a title or a name.
  expect(count('table_open')).toBe(model.sections.reduce((n, s) => n + s.votes.length, 0));
  const ths = tokens.filter((t) => t.type === 'th_open').length;
  expect(ths).toBe(2 * count('table_open'));
  // Bold only on Paragraf's labels.
  const strong = inline.flatMap((t, i, all) => (t.type === 'strong_open' ? [all[i + 1].content] : []));
  expect(new Set(strong)).toEqual(new Set(['Närvarande', 'Tjänstepersoner', 'Yrkanden', 'Propositionsordning', 'Votering', 'Beslut', 'Reservationer', 'Jäv']));
  expect(renderMarkdown(model)).not.toMatch(/[\u202E\u200B]/);
  // And every word is still there, as typed.
  expect(md.render(renderMarkdown(model))).toContain('[Klicka](https://evil.example/x) ![b](https://evil.example/i.png) **fet** _k_ &lt;b&gt;x&lt;/b&gt; | a | b |');
});

test('DOCX: user text is XML-escaped text in runs; no hyperlink, field or extra paragraph from it', async () => {
  const { model } = hostile();
  const xml = readZipEntry(await protocolDocx(model), 'word/document.xml')!;
  expect(xml).toContain('Titel [Klicka](https://evil.example/x) ![b](https://evil.example/i.png) **fet** _k_ &lt;b&gt;x&lt;/b&gt; | a | b |');
  expect(xml).not.toMatch(/<w:hyperlink|<w:fldSimple|<w:instrText|<b>x<\/b>|\u202E|\u200B/);
});
