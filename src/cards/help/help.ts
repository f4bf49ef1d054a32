import template from './help.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';

export interface HelpSection {
  title: string;
  commands: { command: string; description: string }[];
}

export function helpCard(sections: HelpSection[]): AdaptiveCard {
  // Teams renders fact titles as Markdown: "nytt organ <namn>" would lose "<namn>" as an HTML tag.
  const escaped = sections.map((s) => ({ ...s, commands: s.commands.map((c) => ({ command: escapeMarkdown(c.command), description: escapeMarkdown(c.description) })) }));
  return renderTemplate(template, { sections: escaped });
}
