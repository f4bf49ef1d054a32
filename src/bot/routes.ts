import { Registry } from './registry';
import { helpCommand } from './commands/help';
import { registerExtractCommand } from './commands/registerutdrag';
import { correctionCommand, erasureCommand } from './commands/person-requests';
import { handleRequestVerb } from './verbs/person-request';
import { newBodyCommand, bodyCommand } from './commands/body';
import { rosterCommand } from './commands/roster';
import { newMeetingCommand, kallelseCommand } from './commands/meeting';
import { showAgendaVerb, editItemFormVerb, editItemVerb, removeItemVerb, addStandardItemsVerb, addProposalVerb } from './verbs/agenda';
import { sendKallelseVerb, answerKallelseVerb, viewKallelseVerb } from './verbs/kallelse';
import { answerSubstituteVerb } from './verbs/substitute';
import { ROSTER_VERBS } from './verbs/roster';
import { arendeloggCommand, nyttArendeCommand, minaUppdragCommand } from './commands/arendelogg';
import { CASE_VERBS } from './verbs/arende';
import { duringMeetingCommand, currentItemCommand } from './commands/during-meeting';
import { DURING_MEETING_VERBS } from './verbs/during-meeting';
import { VOTERING_VERBS } from './verbs/votering';
import { protokollCommand, PROTOCOL_VERBS } from './verbs/protokoll';
import { FORM_VERB_LIST, swallowedLinesCommand } from './verbs/forms';
import { demoCommand, actAsCommand, actAsVerb } from './commands/demo';

/** Every chat command and card verb Paragraf answers to, in one list; a name registered twice fails at start-up. */
export function buildRegistry(): Registry {
  const registry = new Registry();
  registry.addCommand(helpCommand);
  registry.addCommand(registerExtractCommand);
  [correctionCommand, erasureCommand].forEach((c) => registry.addCommand(c));
  registry.addVerb(handleRequestVerb);
  [newBodyCommand, bodyCommand, rosterCommand, newMeetingCommand, kallelseCommand].forEach((c) => registry.addCommand(c));
  [showAgendaVerb, editItemFormVerb, editItemVerb, removeItemVerb, addStandardItemsVerb, addProposalVerb, sendKallelseVerb, answerKallelseVerb, viewKallelseVerb, answerSubstituteVerb].forEach((v) => registry.addVerb(v));
  ROSTER_VERBS.forEach((v) => registry.addVerb(v));
  [arendeloggCommand, nyttArendeCommand, minaUppdragCommand].forEach((c) => registry.addCommand(c));
  CASE_VERBS.forEach((v) => registry.addVerb(v));
  [duringMeetingCommand, currentItemCommand].forEach((c) => registry.addCommand(c));
  DURING_MEETING_VERBS.forEach((v) => registry.addVerb(v));
  VOTERING_VERBS.forEach((v) => registry.addVerb(v));
  registry.addCommand(protokollCommand);
  PROTOCOL_VERBS.forEach((v) => registry.addVerb(v));
  FORM_VERB_LIST.forEach((v) => registry.addVerb(v));
  [demoCommand, actAsCommand].forEach((c) => registry.addCommand(c));
  registry.addVerb(actAsVerb);
  // Last: only what no real command took.
  registry.addCommand(swallowedLinesCommand);
  return registry;
}
