import type { Services } from '../services';
import type { AgendaProposal } from '../cards/agenda-preview/agenda-preview';
import { proposals } from '../domain/cases';

export type { AgendaProposal };

/**
 * Cases the ärendelogg proposes for a body's next föredragningslista: bordlagda, återremitterade
 * and those marked "tas upp på nästa möte" (one range read of the body's open cases). The added
 * item keeps `caseId`, so caseForItem records the case's next meeting in its history.
 */
export async function proposedItems(services: Services, bodyId: string): Promise<AgendaProposal[]> {
  return proposals(await services.cases.listOpen(bodyId));
}
