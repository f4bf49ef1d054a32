/**
 * User text inside Markdown, shown as typed: it can never become a heading, a list, a table, a
 * rule, a link, an image, HTML or emphasis. One rule for every Markdown Paragraf writes — the
 * protocol document (protocol/markdown.ts) and the Teams cards (src/cards/escape.ts, which adds
 * Teams' paragraph breaks). Invisible bidi and zero-width characters are dropped here too, so text
 * stored before they were refused at input cannot reorder what a reader sees. Pure.
 */
import { stripInvisible } from './invisible-text';

/** Markdown's inline characters, each escaped with a backslash wherever it stands. */
function escapeChars(text: string): string {
  return stripInvisible(text).replace(/[\\`*_[\]<>~|#]/g, (c) => `\\${c}`);
}

/**
 * A block marker at a line start: indentation (four spaces make a code block; it is dropped), a
 * list or setext/rule run ("-", "+ x", "---", "==="), an ordered item ("1." "1)"). `*`, `_`, `#`,
 * `>` and backticks are already escaped as characters.
 */
function markLines(text: string, lineStart: RegExp): string {
  const flags = lineStart.flags;
  const start = lineStart.source;
  return text
    .replace(new RegExp(`(${start})[ \\t]+`, flags), '$1')
    .replace(new RegExp(`(${start})([ \\t]*)([+\\-=])(?=[+\\-= \\t]*(?:\\s|$))`, flags), '$1$2\\$3')
    .replace(new RegExp(`(${start})([ \\t]*)(\\d+)([.)])(?=\\s|$)`, flags), '$1$2$3\\$4');
}

/** Text that may stand at the start of a line, or hold several lines: every line is guarded. */
export function escapeMarkdownBlock(text: string): string {
  return markLines(escapeChars(text), /^/gm);
}

/** Text after a label on the same line ("Bilaga: 48. …"): only its later lines can start a block. */
export function escapeMarkdownInline(text: string): string {
  return markLines(escapeChars(text), /\n/g);
}
