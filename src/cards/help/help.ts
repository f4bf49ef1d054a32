import template from './help.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';

export interface HelpSection {
  title: string;
  commands: { command: string; description: string }[];
}

/**
 * Every section has the same two columns at the same widths (a FactSet sizes its title column per
 * section, so the sections did not line up). `actions` open the card forms (and, locally, the demo).
 */
export function helpCard(sections: HelpSection[], intro: string, actions: Record<string, unknown>[]): AdaptiveCard {
  // Teams renders TextBlocks as Markdown: "nytt organ <namn>" would lose "<namn>" as an HTML tag.
  const escaped = sections.map((s) => ({ ...s, commands: s.commands.map((c) => ({ command: escapeMarkdown(c.command), description: escapeMarkdown(c.description) })) }));
  return renderTemplate(template, { sections: escaped, intro: escapeMarkdown(intro), actions });
}
