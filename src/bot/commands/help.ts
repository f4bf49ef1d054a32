import { defineCommand } from '../registry';
import { helpCard, type HelpSection } from '../../cards/help/help';
import { replyCard } from '../context';

/** The help card lists what Paragraf does, grouped the way a secretary's meeting runs. */
export const HELP_SECTIONS: HelpSection[] = [
  {
    title: 'Före mötet',
    commands: [
      { command: 'nytt organ <namn>', description: 'Knyt kanalen eller chatten till en nämnd eller ett råd. Valfria rader: Profil: kommunallagen | samverkan | minnesanteckningar, Diarieprefix:, Justering: 14 dagar, Organisationer: a, b, Förvaringsplats: Kommunkansliet, Norrby kommun, Huvudman: kommun | region.' },
      { command: 'organ', description: 'Visa eller ändra organets inställningar (samma rader som ovan).' },
      { command: 'ledamöter', description: 'Klistra in ledamöter, ersättare och (efter raden Tjänstepersoner:) tjänstepersoner som de står i protokollet.' },
      { command: 'nytt möte', description: 'Skapa ett möte: Datum: 2021-12-17 09.00-12.00, Plats:, Diarienummer:, sedan ärendena ("44. Rubrik", Föredragande:, Bilaga, Förslag till beslut:).' },
      { command: 'kallelse', description: 'Förhandsgranska och skicka kallelsen; ledamöterna svarar Jag kommer eller Förhinder.' },
    ],
  },
  {
    title: 'Under mötet',
    commands: [
      { command: 'starta mötet', description: 'Öppna upprop och välj justerare.' },
      { command: 'aktuellt ärende', description: 'Visa kortet för aktuell paragraf med knappar för utfallet.' },
      { command: 'jäv Eva Stuge §46', description: 'Anteckna jäv.' },
      { command: 'votering §48 ja: A, B; nej: C; avstår: D', description: 'Anteckna en öppen omröstning.' },
      { command: 'reservation Eva Stuge §48: text', description: 'Anteckna reservation (eller protokollsanteckning).' },
      { command: 'uppdrag Tanja Mårtensson §8: text senast 2019-11-30', description: 'Ge ett uppdrag; det hamnar i ärendeloggen.' },
      { command: 'ankom / lämnar <namn>', description: 'Närvaro och tjänstgöring mellan paragrafer.' },
      { command: 'nästa möte fredag 18 mars', description: 'Anteckna nästa möte.' },
      { command: 'avsluta mötet', description: 'Stäng mötet.' },
    ],
  },
  {
    title: 'Efter mötet',
    commands: [
      { command: 'protokoll', description: 'Skapa protokollutkast för mötet som just avslutades, rätta, skicka till justering; justerarna justerar i chatten.' },
      { command: 'protokoll 18 december', description: 'Protokollet för mötet den dagen (eller 2026-12-18).' },
      { command: 'ärendelogg', description: 'Visa pågående ärenden för organet, med filter och flik.' },
      { command: 'nytt ärende <titel>', description: 'Lägg upp ett ärende direkt (Ägare:, Senast:, Ursprung:, Taggar:).' },
      { command: 'mina uppdrag', description: 'Dina uppdrag med sista datum (i personlig chatt).' },
      { command: 'mina uppgifter', description: 'Registerutdrag: vad Paragraf lagrar om dig (i personlig chatt).' },
    ],
  },
];

export const helpCommand = defineCommand({
  name: 'hjälp',
  pattern: /^(hjälp|hjalp|help|\?)$/i,
  run: async () => replyCard(helpCard(HELP_SECTIONS)),
});
