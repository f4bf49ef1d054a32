import { defineCommand } from '../registry';
import type { BotContext, Reply } from '../context';
import { authorizeIn, requireBody } from '../guards';
import { assertSelfOrSecretary, changeMeeting, commandMeeting } from '../meeting-flow';
import { COMMAND_PATTERN, parseMeetingCommand, type MeetingCommand } from '../../domain/meeting-commands';
import type { Body, RosterEntry } from '../../domain/body';
import type { Meeting, VoteChoice } from '../../domain/meeting';
import { UserError } from '../../domain/errors';
import { findMember, matchName } from '../../domain/names';
import { itemIndexOf, recordNote, recordOutcome, OUTCOME_LABEL } from '../../domain/outcome';
import { startMeetingReply } from '../meeting-start-flow';
import { arrive, depart, serviceChangeText } from '../../domain/service';
import { declareJav } from '../../domain/jav';
import { recordVote, voteResultText } from '../../domain/voting';
import { addAssignment, addMotion, addQuestion, addReservation, adoptMotion, markImmediate, setPropositionOrder } from '../../domain/item-records';
import { closeMeeting, nextMeetingText, setNextMeeting } from '../../domain/closing';
import { meetingClosedCard } from '../../cards/meeting-closed/meeting-closed';
import { swedishDate, swedishDay } from '../../domain/meeting-time';
import { uppropCard } from '../../cards/upprop/upprop';
import { itemCard, immediateCard } from '../../cards/item/item';
import { quorumText } from '../../domain/quorum';
import { BodyRepo } from '../../storage/bodies';
import { postLiveCard, refreshLiveCard } from '../live-card';
import { closedText, replaceQuestion } from '../verbs/during-meeting';

/** The POLICY action each typed command needs. */
const ACTION: Record<MeetingCommand['kind'], string> = {
  starta: 'möte.starta',
  avsluta: 'möte.avsluta',
  ankom: 'närvaro.ändra',
  lämnar: 'närvaro.ändra',
  jäv: 'jäv',
  votering: 'votering',
  reservation: 'reservation',
  protokollsanteckning: 'reservation',
  yrkande: 'yrkande',
  propositionsordning: 'yrkande',
  bifall: 'yrkande',
  uppdrag: 'uppdrag',
  fråga: 'övrig fråga',
  beslut: 'ärende.utfall',
  utfall: 'ärende.utfall',
  'fritt utfall': 'ärende.utfall',
  anteckning: 'ärende.utfall',
  omedelbar: 'omedelbar.begär',
  'nästa möte': 'möte.nästa',
};

const member = (body: Body, name: string): RosterEntry => findMember(body, name, body.roster.filter((r) => r.role !== 'tjänsteperson'));

/** Applies one parsed command; returns the pure change, its audit summary and the answer. */
function plan(ctx: BotContext, body: Body, meeting: Meeting, cmd: MeetingCommand, parties: Set<import('../../domain/rights').Party>): { apply: (m: Meeting) => Meeting; summary: string; answer: (m: Meeting) => Reply } {
  const at = ctx.now.toISOString();
  const para = 'paragraph' in cmd ? cmd.paragraph : undefined;
  const index = para !== undefined ? itemIndexOf(meeting, para) : -1;
  const item = (m: Meeting) => m.items.find((i) => i.paragraph === para)!;
  switch (cmd.kind) {
    case 'starta':
      // Handled before planning (startMeetingReply), which may ask for confirmation instead.
      throw new Error('starta is not planned');
    case 'avsluta':
      return { apply: (m) => closeMeeting(m, undefined, at), summary: 'Mötet avslutades', answer: (m) => ({ text: closedText(m), cards: [meetingClosedCard(body, m)] }) };
    case 'ankom':
    case 'lämnar': {
      const who = findMember(body, cmd.name);
      return {
        apply: (m) => (cmd.kind === 'ankom' ? arrive(body, m, who, at) : depart(body, m, who, at)),
        summary: `${who.name} ${cmd.kind === 'ankom' ? 'ankom' : 'lämnade mötet'}`,
        answer: (m) => ({ text: [`${who.name} ${cmd.kind === 'ankom' ? 'har kommit' : 'har lämnat mötet'}.`, ...serviceChangeText(body, meeting, m), quorumText(body, m) ?? ''].filter(Boolean).join(' ') }),
      };
    }
    case 'jäv': {
      const who = member(body, cmd.name);
      assertSelfOrSecretary(ctx, body, parties, who, 'jäv');
      return {
        apply: (m) => declareJav(body, m, index, who),
        summary: `${who.name} jävig i § ${para}`,
        answer: (m) => ({ text: [`${who.name} är jävig i § ${para} och deltar inte i ärendet.`, ...serviceChangeText(body, meeting, m)].join(' ') }),
      };
    }
    case 'votering': {
      const votes: Record<string, VoteChoice> = {};
      for (const v of cmd.votes) {
        const who = member(body, v.name);
        if (votes[who.id]) throw new UserError(`${who.name} står med två gånger i voteringen.`, 'invalid');
        votes[who.id] = v.choice;
      }
      let removed: string | undefined;
      return {
        apply: (m) => {
          const r = recordVote(body, m, index, votes);
          removed = r.removedOutcome;
          return r.meeting;
        },
        summary: `Votering i § ${para}`,
        answer: (m) => ({
          text: `Votering i § ${para}: ${voteResultText(body, item(m).votes[item(m).votes.length - 1])}${removed ? ` Det antecknade beslutet ("${removed}") följde inte voteringen och är borttaget; anteckna beslutet enligt voteringen.` : ''}`,
        }),
      };
    }
    case 'reservation':
    case 'protokollsanteckning': {
      const who = member(body, cmd.name);
      assertSelfOrSecretary(ctx, body, parties, who, cmd.kind);
      return {
        apply: (m) => addReservation(m, index, who, cmd.kind, cmd.text, at, body.profile),
        summary: `${cmd.kind === 'reservation' ? 'Reservation' : 'Protokollsanteckning'} av ${who.name} i § ${para}`,
        answer: () => ({ text: `${cmd.kind === 'reservation' ? 'Reservation' : 'Protokollsanteckning'} av ${who.name} i § ${para} är antecknad.${cmd.text ? '' : ' Texten kan lämnas senare, före justeringen.'}` }),
      };
    }
    case 'yrkande': {
      const who = member(body, cmd.name);
      return { apply: (m) => addMotion(m, index, who, cmd.text), summary: `Yrkande av ${who.name} i § ${para}`, answer: (m) => ({ text: `Yrkande ${item(m).motions.length} i § ${para} (${who.name}) är antecknat.` }) };
    }
    case 'propositionsordning':
      return { apply: (m) => setPropositionOrder(m, index, cmd.order), summary: `Propositionsordning i § ${para}`, answer: () => ({ text: `Propositionsordningen i § ${para} är antecknad: ${cmd.order.join(', ')}.` }) };
    case 'bifall':
      return { apply: (m) => adoptMotion(body, m, index, cmd.motion), summary: `Bifall till yrkande ${cmd.motion} i § ${para}`, answer: () => ({ text: `Yrkande ${cmd.motion} i § ${para} bifölls.` }) };
    case 'uppdrag': {
      const owner = matchName(body.roster, cmd.name);
      const a = { ownerName: owner?.name ?? cmd.name, ...(owner ? { ownerMemberId: owner.id } : {}), text: cmd.text, ...(cmd.due ? { due: cmd.due } : {}) };
      return { apply: (m) => addAssignment(m, index, a), summary: `Uppdrag till ${a.ownerName} i § ${para}`, answer: () => ({ text: `Uppdrag till ${a.ownerName} i § ${para}: ${a.text}${a.due ? ` (senast ${swedishDate(a.due)})` : ''}. Det förs in i ärendeloggen.` }) };
    }
    case 'fråga': {
      const asker = matchName(body.roster, cmd.askedBy);
      const q = { askedBy: asker?.name ?? cmd.askedBy, text: cmd.text };
      return { apply: (m) => addQuestion(m, index, q), summary: `Övrig fråga från ${q.askedBy} i § ${para}`, answer: () => ({ text: `Övrig fråga från ${q.askedBy} i § ${para} är antecknad och förs in i ärendeloggen.` }) };
    }
    case 'beslut':
    case 'utfall':
    case 'fritt utfall': {
      const kind = cmd.kind === 'beslut' ? 'beslut' : cmd.kind === 'utfall' ? cmd.outcome : 'noterat';
      const decision = cmd.kind === 'utfall' ? undefined : cmd.text;
      return {
        apply: (m) => recordOutcome(body, m, index, kind, { decision, by: ctx.caller.id, at }),
        summary: `§ ${para}: ${OUTCOME_LABEL[kind]}`,
        answer: (m) => ({ text: `§ ${para}: ${item(m).outcome!.formula}` }),
      };
    }
    case 'anteckning':
      return { apply: (m) => recordNote(m, index, cmd.text), summary: `Anteckning i § ${para}`, answer: () => ({ text: `Anteckningen i § ${para} är sparad.` }) };
    case 'omedelbar':
      return {
        apply: (m) => markImmediate(m, index),
        summary: `§ ${para} markerad för omedelbar justering`,
        answer: (m) => ({ text: `§ ${para} justeras omedelbart av ordföranden och justerarna.`, cards: [immediateCard(body, m, index)] }),
      };
    case 'nästa möte':
      return {
        apply: (m) => setNextMeeting(m, cmd.text),
        summary: `Nästa möte: ${cmd.text}`,
        // The text as typed with the year put in ("fredag 19 mars 2027"), not the same day said twice.
        answer: (m) => ({ text: `Nästa möte: ${nextMeetingText(m)}.` }),
      };
  }
}

export const duringMeetingCommand = defineCommand({
  name: 'under mötet',
  pattern: COMMAND_PATTERN,
  help: { section: 'Under mötet', usage: 'jäv Eva Stuge §46', description: 'Anteckna jäv, votering, reservation, yrkande, uppdrag, frågor och beslut per §.' },
  run: async (ctx, { firstLine, body: rest }) => {
    const parsed = parseMeetingCommand(rest ? `${firstLine} ${rest}` : firstLine, swedishDay(ctx.now));
    if (!parsed.ok) throw new UserError(parsed.message, 'syntax');
    const cmd = parsed.command;
    // The body and its meetings side by side (the key range follows from the conversation); the
    // change then commits on the meeting as read here: two sequential round trips.
    const [body, loaded] = await Promise.all([requireBody(ctx), ctx.services.meetings.listLoadedForBody(BodyRepo.idFor(ctx.conversationId))]);
    const meeting = await commandMeeting(ctx, body.value, { afterwards: cmd.kind === 'reservation' || cmd.kind === 'protokollsanteckning' || cmd.kind === 'nästa möte', all: loaded.map((l) => l.value) });
    const parties = authorizeIn(ctx, ACTION[cmd.kind], body.value, meeting);
    const current = loaded.find((l) => l.value.id === meeting.id);
    if (cmd.kind === 'starta') return startMeetingReply(ctx, body.value, current ?? meeting);
    if (cmd.kind === 'beslut' || cmd.kind === 'utfall' || cmd.kind === 'fritt utfall') {
      // An outcome typed over another is asked about first, as on the card (Ersätt / Avbryt).
      const kind = cmd.kind === 'beslut' ? 'beslut' : cmd.kind === 'utfall' ? cmd.outcome : 'noterat';
      const asked = replaceQuestion(body.value, meeting, itemIndexOf(meeting, cmd.paragraph), kind, cmd.kind === 'utfall' ? undefined : cmd.text, undefined, false);
      if (asked) return asked;
    }
    const p = plan(ctx, body.value, meeting, cmd, parties);
    const { value } = await changeMeeting(ctx, body.value, meeting.id, ACTION[cmd.kind], p.summary, p.apply, '', current);
    await refreshLiveCard(ctx, body.value, value);
    return p.answer(value);
  },
});

/** The secretary's current item card, on request ("ärende"/"aktuellt ärende"). */
export const currentItemCommand = defineCommand({
  name: 'aktuellt ärende',
  pattern: /^(aktuellt ärende|mötet)$/i,
  run: async (ctx) => {
    const body = await requireBody(ctx);
    const meeting = await commandMeeting(ctx, body.value);
    authorizeIn(ctx, 'ärende.utfall', body.value, meeting);
    if (meeting.status !== 'pågår') throw new UserError('Mötet pågår inte. Skriv "starta mötet" för att börja.', 'state');
    if (!meeting.attendance.confirmedAt) return { cards: [uppropCard(body.value, meeting)] };
    // One live card per meeting: this one replaces the one further up, which now points here.
    await postLiveCard(ctx, body.value, meeting);
    return {};
  },
});
