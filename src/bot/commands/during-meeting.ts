import { defineCommand, type Dispatch } from '../registry';
import { COMMAND_PATTERN, parseMeetingCommand, type MeetingCommand } from '../../domain/meeting-commands';
import { UserError } from '../../domain/errors';
import { swedishDay } from '../../domain/meeting-time';

/** A parsed meeting command as the action it stands for, with the payload a button would send. */
function meetingDispatch(cmd: MeetingCommand): Dispatch {
  switch (cmd.kind) {
    case 'starta':
      return { action: 'möte.starta', payload: {} };
    case 'avsluta':
      return { action: 'möte.avsluta', payload: { confirmed: true } };
    case 'ankom':
    case 'lämnar':
      return { action: 'närvaro.ändra', payload: { change: cmd.kind, name: cmd.name } };
    case 'jäv':
      return { action: 'jäv', payload: { paragraph: cmd.paragraph, name: cmd.name } };
    case 'votering':
      return { action: 'votering', payload: { paragraph: cmd.paragraph, votes: cmd.votes } };
    case 'reservation':
    case 'protokollsanteckning':
      return { action: 'reservation', payload: { kind: cmd.kind, paragraph: cmd.paragraph, name: cmd.name, ...(cmd.text ? { text: cmd.text } : {}) } };
    case 'yrkande':
      return { action: 'yrkande', payload: { paragraph: cmd.paragraph, name: cmd.name, text: cmd.text } };
    case 'propositionsordning':
      return { action: 'yrkande.ordning', payload: { paragraph: cmd.paragraph, order: cmd.order } };
    case 'bifall':
      return { action: 'yrkande.bifall', payload: { paragraph: cmd.paragraph, motion: cmd.motion } };
    case 'uppdrag':
      return { action: 'uppdrag', payload: { paragraph: cmd.paragraph, name: cmd.name, text: cmd.text, ...(cmd.due ? { due: cmd.due } : {}) } };
    case 'fråga':
      return { action: 'övrig fråga', payload: { paragraph: cmd.paragraph, askedBy: cmd.askedBy, text: cmd.text } };
    case 'beslut':
      return { action: 'punkt.utfall', payload: { paragraph: cmd.paragraph, outcome: 'beslut', beslut: cmd.text } };
    case 'utfall':
      return { action: 'punkt.utfall', payload: { paragraph: cmd.paragraph, outcome: cmd.outcome } };
    case 'fritt utfall':
      return { action: 'punkt.utfall', payload: { paragraph: cmd.paragraph, outcome: 'noterat', beslut: cmd.text } };
    case 'anteckning':
      return { action: 'punkt.anteckning', payload: { paragraph: cmd.paragraph, text: cmd.text } };
    case 'omedelbar':
      return { action: 'omedelbar.begär', payload: { paragraph: cmd.paragraph } };
    case 'nästa möte':
      return { action: 'möte.nästa', payload: { text: cmd.text } };
  }
}

/** The secretary's short messages during a meeting ("jäv Eva Stuge §46", "votering §48 ja: …", …). */
export const duringMeetingCommand = defineCommand({
  name: 'under mötet',
  pattern: COMMAND_PATTERN,
  actions: {
    'möte.starta': 'starta mötet',
    'möte.avsluta': 'avsluta mötet',
    'närvaro.ändra': 'ankom Eva Stuge',
    jäv: 'jäv Eva Stuge §46',
    votering: 'votering §48 ja: Carin Nilsson; nej: Eva Stuge',
    reservation: 'reservation Eva Stuge §48: text',
    yrkande: 'yrkande Eva Stuge §48: bifall till förslaget',
    'yrkande.ordning': 'propositionsordning §48: 2, 1',
    'yrkande.bifall': 'bifall §48: 1',
    uppdrag: 'uppdrag Tanja Mårtensson §8: Ta frågan vidare',
    'övrig fråga': 'fråga Säter §49: Hur går arbetet?',
    'punkt.utfall': 'beslut §48: godkänna layouten',
    'punkt.anteckning': 'anteckning §50: Inga',
    'omedelbar.begär': 'omedelbar justering §48',
    'möte.nästa': 'nästa möte fredag 18 mars',
  },
  parse: (ctx, { firstLine, body }) => {
    const parsed = parseMeetingCommand(body ? `${firstLine} ${body}` : firstLine, swedishDay(ctx.now));
    if (!parsed.ok) throw new UserError(parsed.message, 'syntax');
    return meetingDispatch(parsed.command);
  },
});

/** The secretary's current item card, on request ("aktuellt ärende"/"mötet"). */
export const currentItemCommand = defineCommand({
  name: 'aktuellt ärende',
  pattern: /^(aktuellt ärende|mötet)$/i,
  actions: { 'möte.kort': 'aktuellt ärende' },
  parse: () => ({ action: 'möte.kort', payload: {} }),
});
