import { Registry } from './registry';
import { allActions } from '../actions';
import { helpCommand } from './commands/help';
import { registerExtractCommand } from './commands/registerutdrag';
import { correctionCommand, erasureCommand } from './commands/person-requests';
import { newBodyCommand, bodyCommand } from './commands/body';
import { rosterCommand } from './commands/roster';
import { newMeetingCommand, kallelseCommand } from './commands/meeting';
import { arendeloggCommand, nyttArendeCommand, minaUppdragCommand } from './commands/arendelogg';
import { duringMeetingCommand, currentItemCommand } from './commands/during-meeting';
import { protokollCommand } from './commands/protokoll';
import { demoCommand, actAsCommand } from './commands/demo';
import { swallowedLinesCommand } from './commands/swallowed-lines';
import { sekretessCommand } from './commands/sekretess';

/**
 * Every action (src/actions) and every typed command, which only parses a line into an action and its
 * payload. A name registered twice, or a command naming no typed action, fails at start-up.
 */
export function buildRegistry(): Registry {
  const registry = new Registry();
  allActions().forEach((a) => registry.addAction(a));
  [
    helpCommand,
    registerExtractCommand,
    correctionCommand,
    erasureCommand,
    newBodyCommand,
    bodyCommand,
    rosterCommand,
    newMeetingCommand,
    kallelseCommand,
    arendeloggCommand,
    nyttArendeCommand,
    minaUppdragCommand,
    sekretessCommand,
    duringMeetingCommand,
    currentItemCommand,
    protokollCommand,
    demoCommand,
    actAsCommand,
    // Last: only what no real command took.
    swallowedLinesCommand,
  ].forEach((c) => registry.addCommand(c));
  return registry;
}
