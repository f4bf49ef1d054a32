import { createHash } from 'node:crypto';
import type { AnslagEntry } from '../../domain/anslagstavla';
import { swedishDate } from '../../domain/meeting-time';
import { ANSLAGSTAVLA_FEED_PATH, ANSLAGSTAVLA_PATH, publicProtocolPath } from '../public-links';
import { escapeHtml as e } from '../arendelogg-page';

/**
 * The public anslagstavla as HTML: no script, no external asset, one stylesheet inline (allowed by
 * its hash), Swedish, built for WCAG 2.1 AA (landmarks, one h1, headings per anslag, a skip link,
 * contrast ≥ 4.5:1, visible focus, reflow down to 320 px). Only the notice's facts; the §§ by number.
 */

const STYLE = `
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font:1rem/1.5 "Segoe UI",system-ui,-apple-system,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f8a;text-underline-offset:2px}
a:hover{color:#062f54}
a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;background:#fff3b0}
.skip{position:absolute;left:-10000px;top:0}
.skip:focus{left:8px;top:8px;padding:8px 12px;background:#fff}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem;border-bottom:1px solid #d0d0d0}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.15rem;margin:0 0 .5rem;overflow-wrap:anywhere}
p{margin:0 0 1rem;max-width:70ch}
.lead{font-size:1.05rem}
ul.anslag{list-style:none;margin:0;padding:0}
ul.anslag>li{border:1px solid #8a8a8a;border-left:6px solid #0b4f8a;border-radius:4px;padding:1rem;margin:0 0 1rem}
.bevis{font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dt{color:#3b3b3b}
dd{margin:0;overflow-wrap:anywhere}
dd.last{font-weight:600}
.links{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0}
.none{padding:1rem;border:1px solid #8a8a8a;border-radius:4px}
footer{margin-top:2rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid #d0d0d0;color:#3b3b3b}
@media (max-width:36rem){dl{grid-template-columns:1fr}dt{font-weight:600;margin-top:.35rem}h1{font-size:1.5rem}}
`;

/** The Content-Security-Policy the page is served with: its own stylesheet and nothing else. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'`;

const time = (day: string) => `<time datetime="${e(day)}">${e(swedishDate(day))}</time>`;

const organQuery = (bodyId: string) => `?organ=${encodeURIComponent(bodyId)}`;

/** What a reader sees in place of a förvaringsplats the secretary has not set (the bevis's hint is for the secretary). */
const FORVARINGSPLATS_UNKNOWN = 'Uppgift saknas. Kontakta organets sekreterare eller registrator.';

function entryHtml(x: AnslagEntry, filtered: boolean): string {
  const title = `${x.bodyName}, sammanträde ${swedishDate(x.meetingDate)}`;
  const facts: [string, string, string?][] = [
    ['Organ', e(x.bodyName)],
    ['Sammanträdesdatum', time(x.meetingDate)],
    ['Paragrafer', e(x.paragraphs)],
    ['Datum för justering', time(x.justeradDate)],
    ['Anslaget sattes upp', time(x.anslagDate)],
    ['Anslaget tas ned', time(x.takenDownDate)],
    ['Sista dag att överklaga', time(x.appealLastDay), 'last'],
    ['Förvaringsplats för protokollet', e(x.forvaringsplats ?? FORVARINGSPLATS_UNKNOWN)],
  ];
  const pdf = publicProtocolPath(x.bodyId, x.meetingId, x.version, 'pdf');
  return `<li>
<article aria-labelledby="a-${e(x.bodyId)}-${e(x.meetingId)}">
<h3 id="a-${e(x.bodyId)}-${e(x.meetingId)}">${e(title)}</h3>
<p class="bevis">Protokollet är justerat. Justeringen har tillkännagivits genom anslag på ${e(x.anslagstavla)} anslagstavla.</p>
<dl>
${facts.map(([k, v, cls]) => `<dt>${k}</dt><dd${cls ? ` class="${cls}"` : ''}>${v}</dd>`).join('\n')}
</dl>
<p class="links"><a href="${e(pdf)}">Protokollet, offentlig version (PDF/A)<span class="vh">: ${e(title)}</span></a>${filtered ? '' : `<a href="${e(ANSLAGSTAVLA_PATH + organQuery(x.bodyId))}">Visa bara anslag från ${e(x.bodyName)}</a>`}</p>
</article>
</li>`;
}

const HOW_TO_APPEAL = `
<h2 id="overklaga">Så överklagar du ett beslut</h2>
<p>Den som är medlem i kommunen eller regionen, till exempel den som är folkbokförd, äger en fastighet eller betalar kommunalskatt där, kan överklaga ett beslut genom <strong>laglighetsprövning</strong> (13 kapitlet kommunallagen). Domstolen prövar då bara om beslutet är lagligt, inte om det är lämpligt.</p>
<p>Skicka ditt överklagande till <strong>förvaltningsrätten</strong> (den förvaltningsrätt som kommunen eller regionen hör till). Överklagandet måste ha kommit in till förvaltningsrätten inom <strong>tre veckor</strong> från den dag då anslaget om att protokollet är justerat sattes upp, alltså senast den dag som står som <em>Sista dag att överklaga</em>.</p>
<p>Skriv vilket beslut du överklagar (organ, sammanträdesdatum och paragraf), varför du anser att det är olagligt och hur du kan nås. Ett beslut kan upphävas om det inte har kommit till på lagligt sätt, om det gäller något som kommunen eller regionen inte får ägna sig åt, om organet har gått utöver sina befogenheter eller om beslutet strider mot lag eller annan författning.</p>
<p>Vissa beslut, till exempel beslut som gäller en enskild person, överklagas i stället enligt den lag som beslutet grundar sig på (förvaltningsbesvär). Då står det i beslutet hur du gör.</p>
<p>Hela protokollet finns på den förvaringsplats som står vid varje anslag. I den offentliga versionen här är uppgifter som omfattas av sekretess ersatta.</p>`;

export interface PageContext {
  today: string;
  bodyId?: string;
}

export function renderAnslagstavlaPage(shown: AnslagEntry[], ctx: PageContext): string {
  const organ = ctx.bodyId ? shown[0]?.bodyName : undefined;
  const heading = organ ? `Anslagstavla: ${organ}` : 'Anslagstavla';
  const feed = ANSLAGSTAVLA_FEED_PATH + (ctx.bodyId ? organQuery(ctx.bodyId) : '');
  const count = shown.length === 1 ? 'Ett anslag är uppe.' : `${shown.length} anslag är uppe.`;
  const list = shown.length
    ? `<p>${count}</p>\n<ul class="anslag">\n${shown.map((x) => entryHtml(x, Boolean(ctx.bodyId))).join('\n')}\n</ul>`
    : `<p class="none">${ctx.bodyId ? 'Det här organet har inget anslag uppe just nu.' : 'Det finns inga anslag uppe just nu.'}</p>`;
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(heading)}</title>
<link rel="alternate" type="application/atom+xml" title="${e(heading)} (Atom-flöde)" href="${e(feed)}">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#innehall">Till innehållet</a>
<header>
<h1>${e(heading)}</h1>
<p class="lead">Här tillkännages att protokoll från nämnder och andra organ har justerats (8 kapitlet 12&nbsp;§ kommunallagen). Ett anslag sitter uppe tills tiden för att överklaga har gått ut och tas sedan ned. Sidan visar anslagen som är uppe ${e(swedishDate(ctx.today))}.</p>
</header>
<main id="innehall">
<h2 id="anslag">Anslag just nu</h2>
${list}
${ctx.bodyId ? `<p><a href="${ANSLAGSTAVLA_PATH}">Visa alla anslag</a></p>` : ''}
${HOW_TO_APPEAL}
</main>
<footer>
<p>Följ anslagstavlan i en flödesläsare: <a href="${e(feed)}">Atom-flöde för ${organ ? e(organ) : 'alla anslag'}</a>.</p>
</footer>
</body>
</html>
`;
}
