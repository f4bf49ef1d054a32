import template from './help.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';

export interface HelpSection {
  title: string;
  commands: { command: string; description: string }[];
}

export function helpCard(sections: HelpSection[]): AdaptiveCard {
  return renderTemplate(template, { sections });
}
