/**
 * Every action Paragraf has, one file each under src/actions/<area>/ (the areas follow the aggregate:
 * organ, roster, agenda, kallelse, meeting, item, protocol, case, person, forms, demo, help). The
 * registry (src/bot/routes.ts) and the rights table (./rights.ts) are built from this one list.
 */
import type { Action } from './action';
import { addProposal } from './agenda/add-proposal';
import { addStandardItemsAction } from './agenda/add-standard-items';
import { editItemForm } from './agenda/edit-item-form';
import { editItemAction } from './agenda/edit-item';
import { removeItemAction } from './agenda/remove-item';
import { showAgenda } from './agenda/show';
import { closeCase } from './case/close';
import { createCaseAction } from './case/create';
import { caseLog } from './case/list';
import { myCases } from './case/mine';
import { markCaseNextMeeting } from './case/next-meeting';
import { addCaseNote } from './case/note';
import { setCaseOwner } from './case/owner';
import { showCase } from './case/show';
import { setCaseStatus } from './case/status';
import { actAs } from './demo/act-as';
import { createDemo } from './demo/create';
import { bodyForm } from './forms/body';
import { meetingForm } from './forms/meeting';
import { newBodyForm } from './forms/new-body';
import { openForm } from './forms/open';
import { rosterForm } from './forms/roster';
import { help } from './help/help';
import { adoptMotionAction } from './item/adopt-motion';
import { approveImmediateAction } from './item/approve-immediate';
import { addAssignmentAction } from './item/assignment';
import { declareJavAction } from './item/jav';
import { addMotionAction } from './item/motion';
import { nextItemAction } from './item/next';
import { recordNoteAction } from './item/note';
import { recordOutcomeAction } from './item/outcome';
import { setPropositionOrderAction } from './item/proposition-order';
import { addQuestionAction } from './item/question';
import { requestImmediate } from './item/request-immediate';
import { markSekretess } from './item/sekretess';
import { startVote } from './vote/start';
import { castVote } from './vote/cast';
import { closeVoteAction } from './vote/close';
import { castingVote } from './vote/casting';
import { viewVote } from './vote/view';
import { addReservationAction } from './item/reservation';
import { recordVoteAction } from './item/vote';
import { answerKallelseAction } from './kallelse/answer';
import { sendKallelse } from './kallelse/send';
import { showKallelse } from './kallelse/show';
import { answerSubstituteAction } from './kallelse/substitute-answer';
import { changeAttendance } from './meeting/attendance';
import { checkInAction } from './meeting/check-in';
import { closeMeeting } from './meeting/close';
import { confirmUppropAction } from './meeting/confirm-upprop';
import { createMeeting } from './meeting/create';
import { showCurrentCard } from './meeting/current-card';
import { setNextMeetingAction } from './meeting/next-meeting';
import { startMeeting } from './meeting/start';
import { changeBody } from './organ/change';
import { createBody } from './organ/create';
import { showBody } from './organ/show';
import { handleRequest } from './person/handle-request';
import { registerExtract } from './person/register-extract';
import { requestCorrection } from './person/request-correction';
import { requestErasure } from './person/request-erasure';
import { recordAnslagAction } from './protocol/anslag';
import { approveProtocol } from './protocol/approve';
import { correctionForm } from './protocol/correct-form';
import { correctProtocol } from './protocol/correct';
import { createProtocolAction } from './protocol/create';
import { openProtocol } from './protocol/open';
import { requestProtocolChange } from './protocol/request-change';
import { sendProtocol } from './protocol/send';
import { showProtocol } from './protocol/show';
import { confirmLinkAction } from './roster/confirm-link';
import { replaceRosterAction } from './roster/replace';
import { showRoster } from './roster/show';
import { undoLinkAction } from './roster/undo-link';

/** A function, not a constant: action files import the guards that read the rights table built from this list. */
export function allActions(): Action[] {
  return [
    addProposal,
    addStandardItemsAction,
    editItemForm,
    editItemAction,
    removeItemAction,
    showAgenda,
    closeCase,
    createCaseAction,
    caseLog,
    myCases,
    markCaseNextMeeting,
    addCaseNote,
    setCaseOwner,
    showCase,
    setCaseStatus,
    actAs,
    createDemo,
    bodyForm,
    meetingForm,
    newBodyForm,
    openForm,
    rosterForm,
    help,
    adoptMotionAction,
    approveImmediateAction,
    addAssignmentAction,
    declareJavAction,
    addMotionAction,
    nextItemAction,
    recordNoteAction,
    recordOutcomeAction,
    setPropositionOrderAction,
    addQuestionAction,
    requestImmediate,
    markSekretess,
    startVote,
    castVote,
    closeVoteAction,
    castingVote,
    viewVote,
    addReservationAction,
    recordVoteAction,
    answerKallelseAction,
    sendKallelse,
    showKallelse,
    answerSubstituteAction,
    changeAttendance,
    checkInAction,
    closeMeeting,
    confirmUppropAction,
    createMeeting,
    showCurrentCard,
    setNextMeetingAction,
    startMeeting,
    changeBody,
    createBody,
    showBody,
    handleRequest,
    registerExtract,
    requestCorrection,
    requestErasure,
    recordAnslagAction,
    approveProtocol,
    correctionForm,
    correctProtocol,
    createProtocolAction,
    openProtocol,
    requestProtocolChange,
    sendProtocol,
    showProtocol,
    confirmLinkAction,
    replaceRosterAction,
    showRoster,
    undoLinkAction,
  ];
}
