import type { HelpSection } from './help';
import { SEKRETESS_EXAMPLES } from '../../domain/sekretess';

/** The help card lists what Paragraf does, grouped the way a secretary's meeting runs. */
export const HELP_SECTIONS: HelpSection[] = [
  {
    title: 'Före mötet',
    commands: [
      { command: 'nytt organ <namn>', description: 'Knyt kanalen eller chatten till en nämnd eller ett råd. Valfria rader: Profil: kommunallagen | samverkan | minnesanteckningar, Diarieprefix:, Justering: 14 dagar, Påminnelse: 2 dagar, Organisationer: a, b, Förvaringsplats: Kommunkansliet, Norrby kommun, Huvudman: kommun | region. "nytt organ" ensamt, eller knappen Nytt organ (formulär), ger ett formulär.' },
      { command: 'organ', description: 'Visa organet; med raderna ovan och Namn: ändrar sekreteraren det. Kortet har knappar för formulären.' },
      { command: 'ledamöter', description: 'Klistra in ledamöter, ersättare och (efter raden Tjänstepersoner:) tjänstepersoner som de står i protokollet. Eller knappen Klistra in ledamotslistan.' },
      { command: 'nytt möte', description: 'Skapa ett möte: Datum: 2021-12-17 09.00-12.00, Plats:, Diarienummer:, sedan ärendena ("44. Rubrik", Föredragande:, Bilaga, Förslag till beslut:). Eller knappen Klistra in föredragningslistan.' },
      { command: 'kallelse', description: 'Förhandsgranska och skicka kallelsen; ledamöterna svarar Jag kommer eller Förhinder.' },
    ],
  },
  {
    title: 'Under mötet',
    commands: [
      { command: 'starta mötet', description: 'Öppna upprop och välj justerare.' },
      { command: 'aktuellt ärende', description: 'Visa kortet för aktuell paragraf med knappar för utfallet.' },
      { command: 'informationen §44', description: 'Informationen godkändes (eller knappen Godkände informationen).' },
      { command: 'utfall §42: Föredragningslistan godkändes.', description: 'Anteckna ett utfall med egna ord.' },
      { command: 'beslut §48: godkänna layouten', description: 'Anteckna beslutet (att-satser); protokollet skriver "… beslutade att …".' },
      { command: 'yrkande Eva Stuge §48: text', description: 'Anteckna ett yrkande; propositionsordning §48: 2, 1 anger ordningen.' },
      { command: 'bifall §48: 2', description: 'Ordförandens förslag till beslut vann bifall (yrkandets nummer).' },
      { command: 'votering §48 ja: A, B; nej: C; avstår: D', description: 'Anteckna en öppen omröstning som togs med handuppräckning.' },
      { command: 'Starta votering (ärendekortet)', description: 'Ledamöterna röstar själva Ja, Nej eller Avstår på voteringskortet; bara de som tjänstgör på paragrafen. Stängs när alla har röstat eller med Stäng voteringen; vid lika röstetal avgör ordförandens utslagsröst.' },
      { command: 'Val med slutna sedlar (ärendekortet)', description: 'Sluten omröstning: det antecknas vem som har röstat, inte hur; protokollet visar resultatet och antalet valsedlar. Lika röstetal avgörs genom lottning.' },
      { command: 'bordlägg §46 / återremiss §46', description: 'Ärendet bordläggs eller återremitteras och föreslås till nästa möte.' },
      { command: 'jäv Eva Stuge §46', description: 'Anteckna jäv.' },
      { command: 'reservation Eva Stuge §48: text', description: 'Anteckna reservation (eller protokollsanteckning).' },
      { command: 'anteckning §50: text', description: 'En anteckning till paragrafen, som protokollet skriver ut.' },
      { command: 'fråga Säter §49: text', description: 'Anteckna en övrig fråga; den hamnar i ärendeloggen.' },
      { command: 'omedelbar justering §48', description: 'Paragrafen justeras omedelbart av ordföranden och justerarna.' },
      { command: 'uppdrag Tanja Mårtensson §8: text senast 2019-11-30', description: 'Ge ett uppdrag; det hamnar i ärendeloggen.' },
      { command: 'ankom / lämnar <namn>', description: 'Närvaro och tjänstgöring mellan paragrafer.' },
      { command: 'nästa möte fredag 18 mars', description: 'Anteckna nästa möte.' },
      { command: 'avsluta mötet', description: 'Stäng mötet.' },
    ],
  },
  {
    title: 'Sekretess',
    commands: [
      { command: SEKRETESS_EXAMPLES[0], description: 'Hela paragrafen omfattas av sekretess enligt bestämmelsen (skriv alltid bestämmelsen). Kallelsen visar då bara rubriken och "Sekretess"; handlingarna bara för organets ledamöter. Går före mötet, under och efter det tills protokollet är justerat; även i kortet Ändra på föredragningslistan.' },
      { command: SEKRETESS_EXAMPLES[1], description: 'Bara redogörelse, förslag, yrkanden och beslut omfattas; rubriken är offentlig.' },
      { command: SEKRETESS_EXAMPLES[2], description: 'Namngivna personer: i den offentliga versionen står deras roll i stället för namnet ("den enskilde" om ingen roll anges inom parentes).' },
      { command: SEKRETESS_EXAMPLES[3], description: 'Ta bort markeringen.' },
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
      { command: 'rätta mina uppgifter <vad som är fel>', description: 'Begär att en uppgift om dig rättas; sekreteraren får begäran (i personlig chatt).' },
      { command: 'radera mina uppgifter', description: 'Begär att dina uppgifter raderas där lagen tillåter (i personlig chatt).' },
    ],
  },
];

/** Only when Paragraf runs locally (no MicrosoftAppId): production refuses these. */
export const DEMO_SECTION: HelpSection = {
  title: 'Prova lokalt (Agents Playground)',
  commands: [
    { command: 'demo', description: 'I en gruppchatt: ett demoorgan där chattens personer spelar ordförande, ledamöter och ersättare, och du är sekreterare.' },
    { command: 'agera som Megan Bowen', description: 'Nästa sak du gör i chatten räknas som den personen (svara på kallelsen, tjänstgöra, justera); ärendeloggen visar "… agerade som …".' },
  ],
};

export const HELP_INTRO = 'I organets gruppchatt eller kanal behöver du inte @nämna Paragraf för ett helt kommando; vanliga samtal besvaras inte. Kommandon på flera rader fungerar bäst med formulären (knapparna nedan). Skriv hjälp för att se det här kortet igen.';
