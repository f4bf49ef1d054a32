import { defineCommand } from '../registry';
import { helpCard, type HelpSection } from '../../cards/help/help';
import { replyCard } from '../context';

/** The help card lists what Paragraf does, grouped the way a secretary's meeting runs. */
export const HELP_SECTIONS: HelpSection[] = [
  {
    title: 'Före mötet',
    commands: [
      { command: 'nytt organ <namn>', description: 'Knyt den här kanalen eller chatten till en nämnd eller ett råd (profil, diarieprefix, justeringsdagar, organisationer).' },
      { command: 'ledamöter', description: 'Klistra in ledamöter, ersättare och tjänstepersoner som de står i protokollet.' },
      { command: 'nytt möte', description: 'Skapa ett möte med föredragningslista (Datum, Plats, Diarienummer och ärenden).' },
      { command: 'kallelse', description: 'Skicka kallelsen; ledamöterna svarar Jag kommer eller Förhinder.' },
    ],
  },
  {
    title: 'Under mötet',
    commands: [
      { command: 'starta mötet', description: 'Öppna upprop och välj justerare.' },
      { command: 'jäv, votering, reservation, uppdrag', description: 'Anteckna händelser per § med kort eller kort text.' },
      { command: 'avsluta mötet', description: 'Stäng mötet och ange nästa möte.' },
    ],
  },
  {
    title: 'Efter mötet',
    commands: [
      { command: 'protokoll', description: 'Skapa protokollutkast och skicka det till justering.' },
      { command: 'ärendelogg', description: 'Visa pågående ärenden för organet.' },
      { command: 'mina uppdrag', description: 'Dina uppdrag med sista datum (i personlig chatt).' },
    ],
  },
];

export const helpCommand = defineCommand({
  name: 'hjälp',
  pattern: /^(hjälp|hjalp|help|\?)$/i,
  run: async () => replyCard(helpCard(HELP_SECTIONS)),
});
