import { Registry } from './registry';
import { helpCommand } from './commands/help';

/** Every chat command and card verb Paragraf answers to, in one list; a name registered twice fails at start-up. */
export function buildRegistry(): Registry {
  const registry = new Registry();
  registry.addCommand(helpCommand);
  return registry;
}
