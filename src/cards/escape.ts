/**
 * Teams renders TextBlock text as a Markdown subset; user text (titles, names, notes) must show as
 * typed and never turn into links, lists or emphasis. Escapes the inline Markdown characters and a
 * list/heading marker at the start of a line; dates and numbers stay readable ("2021-12-17").
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-])(?=\s)/gm, (_m, sp: string, mark: string) => `${sp}\\${mark}`)
    // An ordered-list marker is escaped at its dot ("48\."): a backslash before a digit is no escape and shows.
    .replace(/^(\s*)(\d+)\.(?=\s)/gm, (_m, sp: string, num: string) => `${sp}${num}\\.`)
    .replace(/\r?\n/g, '\n\n');
}
