import type { Services } from '../services';
import type { Body } from '../domain/body';
import type { Assignment, Item, Meeting, Question } from '../domain/meeting';
import { caseForAssignment, caseForQuestion, PARAGRAF_ACTOR } from './case-service';
import type { Actor } from '../storage/cases';

/**
 * Called by the meeting flow when an uppdrag or an övrig fråga is recorded: each becomes an
 * ärendelogg case. Idempotent (keyed by meeting, § and the record's index in its list), so calling
 * again — a resent action, a replay — returns the same case id.
 */
export async function onAssignment(services: Services, body: Body, meeting: Meeting, item: Item, assignment: Assignment, actor: Actor = PARAGRAF_ACTOR): Promise<string> {
  return caseForAssignment(services, body, meeting, item, assignment, actor);
}

export async function onQuestion(services: Services, body: Body, meeting: Meeting, item: Item, question: Question, actor: Actor = PARAGRAF_ACTOR): Promise<string> {
  return caseForQuestion(services, body, meeting, item, question, actor);
}
