import { readFileSync } from 'node:fs';
import type restify from 'restify';
import type { Services } from '../../services';
import { escapeHtml } from '../arendelogg-page';
import { signInScript } from './client/sign-in';
import { tabScript } from './client/tab';
import { configScript } from './client/config';
import { TAB_CSS } from './style';

/**
 * The tab pages Teams frames: /tab (the personal tab, and a body's channel, chat or meeting tab with
 * ?body=) and /tab/config (the configurable tab's setup). The HTML is a shell; the scripts sign in and
 * fetch the data (src/http/tab/api.ts). TeamsJS is served from our own node_modules, since a tenant
 * may block Microsoft's CDN from inside Teams.
 */

const FRAME_ANCESTORS = "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.skype.com";
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; ${FRAME_ANCESTORS}`,
};

const BODY_ID = /^b[0-9a-f]{20}$/;

/** A function's own text, called at once: the browser code lives in TypeScript beside the server. */
const asScript = (fn: () => void) => `(${fn.toString()})();\n`;

let teamsJs: string | undefined;
function teamsJsText(): string {
  teamsJs ??= readFileSync(require.resolve('@microsoft/teams-js'), 'utf8');
  return teamsJs;
}

const STATIC: Record<string, { type: string; text: () => string }> = {
  'teams-js.js': { type: 'text/javascript', text: teamsJsText },
  'sign-in.js': { type: 'text/javascript', text: () => asScript(signInScript) },
  'tab.js': { type: 'text/javascript', text: () => asScript(tabScript) },
  'config.js': { type: 'text/javascript', text: () => asScript(configScript) },
  'tab.css': { type: 'text/css', text: () => TAB_CSS },
};

function shell(opts: { title: string; script: string; data: Record<string, string | undefined> }): string {
  const data = Object.entries(opts.data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v!)}"`)
    .join('');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="/tab/static/tab.css">
</head>
<body${data}>
<header><h1 id="title">${escapeHtml(opts.title)}</h1><p class="sub" id="who"></p></header>
<div id="local" class="local" hidden></div>
<main id="content"><p class="empty">Loggar in …</p></main>
<script src="/tab/static/teams-js.js"></script>
<script src="/tab/static/sign-in.js"></script>
<script src="/tab/static/${opts.script}"></script>
</body>
</html>
`;
}

export function registerTabPages(server: restify.Server, services: Services): void {
  const local = services.config.localMode ? '1' : undefined;

  server.get('/tab', async (req, res) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const body = typeof q.body === 'string' && BODY_ID.test(q.body) ? q.body : undefined;
    const view = q.view === 'panel' ? 'panel' : undefined;
    res.writeHead(200, PAGE_HEADERS);
    res.end(shell({ title: 'Paragraf', script: 'tab.js', data: { local, body, view } }));
  });

  server.get('/tab/config', async (_req, res) => {
    res.writeHead(200, PAGE_HEADERS);
    res.end(shell({ title: 'Lägg till Paragraf som flik', script: 'config.js', data: { local } }));
  });

  server.get('/tab/static/:file', async (req, res) => {
    const file = String((req.params as Record<string, string>).file);
    const asset = Object.hasOwn(STATIC, file) ? STATIC[file] : undefined;
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Finns inte.');
      return;
    }
    res.writeHead(200, { 'Content-Type': `${asset.type}; charset=utf-8`, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(asset.text());
  });
}
