/** Seed 002 (Samråd vård och omsorg, 2021-12-17) as a secretary would paste it. */

export const SEED_002_PRESENT = [
  'Carin Nilsson (s) Umeå kommun, ordförande',
  'Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, tillika justerare',
  'Annika Wibrell (s) Vilhelmina kommun',
  'Bengt Henriksson (s) Dorotea kommun',
  'Dan Oskarsson (s) Vindelns kommun',
  'Eva Stuge (m) Lycksele kommun',
  'Henric Jakobsson (s) Vännäs kommun',
  'Ingrid Nygren (c) Bjurholms kommun',
  'Kerstin Sjöström (c) Nordmalings kommun',
  'Lars Bäckström (c) Region Västerbotten',
  'Magnus Eriksson (s) Norsjö kommun',
  'Mona Andersson (s) Robertsfors kommun',
  'Roland Gustafsson (kd) Storumans kommun',
  'Veronica Kerr (kd) Umeå kommun',
];

export const SEED_002_ABSENT = [
  'Iosif Karambotis (s) Skellefteå kommun',
  'Anna-Lena Danielsson (s) Region Västerbotten',
  'Fredrik Stenberg (s) Skellefteå kommun',
  'Inger Stenlund (v) Sorsele kommun',
  'Kim Bergström (v) Malå kommun',
  'Kjell Bäckman (v) Region Västerbotten',
  'Linnéa Lindberg (åp) Åsele kommun',
];

export const SEED_002_STAFF = ['Britta Edström, regional samverkanskoordinator', 'Katarina Lindahl, regional samverkanskoordinator', 'Maria Lind, sekreterare'];

/** As printed, with the headings and the trailing spaces a PDF copy leaves. */
export const SEED_002_ROSTER = [
  'Närvarande:    ',
  '',
  ...SEED_002_PRESENT.map((l) => `${l}   `),
  ' ',
  'Frånvarande:   ',
  '',
  ...SEED_002_ABSENT,
  '',
  'Tjänstepersoner:    ',
  '',
  ...SEED_002_STAFF,
].join('\n');

export const SEED_002_AGENDA = `Datum: 2021-12-17 kl. 09.00 -12.00
Plats: Teams
Diarienummer: HSN 418:5-2021

42. Godkännande av föredragningslistan och upprop
43. Föregående protokoll
44. Uppföljning beslut hos respektive huvudman

Muntligt informationsärende
Föredragande: Britta Edström och Katarina Lindahl
- Avtal om läkarmedverkan
- Systemledning och framtidsbild
- Överenskommelse om samverkan vid utskrivning

45. Aktuellt i samverkan
Muntligt informationsärende
Föredragande: Britta Edström och Katarina Lindahl
- Uppföljning ledningsseminariet
- Information om vad som pågår i samverkan och dialog om arbetet i samverkan framåt

46. Standardiserat insatsförlopp vid demenssjukdom
Muntligt informationsärende
Föredragande: Ulla Åkerström och Helena Olsson Ruzin, Umeå kommun

47. Systemledning tillsammans med Länssamverkansgruppen
Muntligt informationsärende
Föredragande: Jon Rognes, Hans Wiberg och Dag Norén
- Leading Health Care summerar sitt arbete.

48. Omställning till nära vård
- Layout Framtidsbild Nära vård 2030
Beslutsärende
Bilaga 48. Layout Framtidsbild Nära vård 2030
Föredragande: Britta Edström och Katarina Lindahl
Förslag till beslut: Samråd vård och omsorg godkänner layout för Framtidsbild Nära vård 2030.

49. Övriga frågor
50. Ärenden till Länssamverkansgruppen
51. Genomgång och sammanfattning av beslut`;
