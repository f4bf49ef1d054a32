import { startMeeting, startDayQuestion, startSummary, StartDayQuestion } from '../../src/domain/meeting-start';
import { meetingDay, type Meeting } from '../../src/domain/meeting';
import { closeMeeting } from '../../src/domain/closing';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { renderMarkdown } from '../../src/domain/protocol/markdown';
import { approve, correct, createDraft, latestVersion, recordAnslag, sendForJustering } from '../../src/domain/protocol/versions';
import { approveImmediate, markImmediate } from '../../src/domain/item-records';
import { stockholmToDate, swedishDay, swedishMinute } from '../../src/domain/meeting-time';
import { buildKommunallagen, carin, eva } from '../support/protocol-fixtures';
import type { Body } from '../../src/domain/body';
import { reminderDue } from '../../src/domain/reminders';

/**
 * Dates that cannot be: a meeting started on another day than booked, justering before the
 * meeting, late justering, anslag before the justering or in the future, all on Swedish days.
 */

const kl = (start = '2021-12-17T13:00') => buildKommunallagen('19:dates@thread.v2', { start });
const booked = (m: Meeting, start: string, end: string): Meeting => ({ ...m, start, end, status: 'kallat', startedAt: undefined });
const id = (body: Body, name: string) => body.roster.find((r) => r.name === name)!;

describe('starting a meeting', () => {
  test('on another day than booked, it asks; confirmed for today, the real day becomes the protocol date', () => {
    const { body, meeting } = kl();
    const m = booked(meeting, '2026-12-18T13:00', '2026-12-18T15:00');
    const now = '2026-12-02T09:15:00.000Z'; // 10.15 in Sweden, onsdag 2 december
    let asked: unknown;
    try {
      startMeeting(m, now);
    } catch (e) {
      asked = e;
    }
    expect(asked).toBeInstanceOf(StartDayQuestion);
    expect((asked as StartDayQuestion).userMessage).toBe('Mötet är bokat till fredag 18 december 2026. Vill du starta det i dag, onsdag 2 december 2026?');
    // A confirmation given on another day (an old card pressed later) asks again.
    expect(() => startMeeting(m, now, '2026-12-01')).toThrow(StartDayQuestion);
    const started = startMeeting(m, now, '2026-12-02');
    expect(started.status).toBe('pågår');
    expect(meetingDay(started)).toBe('2026-12-02');
    expect(startSummary(started)).toBe('Mötet startade onsdag 2 december 2026, fast det var bokat till fredag 18 december 2026; protokollet anger 2026-12-02 som mötesdag');
    const closed = closeMeeting({ ...started, status: 'pågår' }, undefined, '2026-12-02T10:40:00.000Z');
    // Reopened after Avsluta on a later day: no question, and the day it was held stays.
    expect(meetingDay(startMeeting(closed, '2026-12-05T09:00:00.000Z'))).toBe('2026-12-02');
    const model = assembleProtocol(body, { ...closed, status: 'avslutat' });
    expect(model.date).toBe('2026-12-02');
    expect(model.dateTime).toBe('2026-12-02 kl. 10.15-11.40');
  });

  test('on the booked day it starts at once and the protocol keeps the booked times', () => {
    const { body, meeting } = kl();
    const m = booked(meeting, '2021-12-17T13:00', '2021-12-17T15:00');
    const started = startMeeting(m, '2021-12-17T11:58:00.000Z');
    expect(startSummary(started)).toBe('Mötet startade');
    expect(assembleProtocol(body, started).dateTime).toBe('2021-12-17 kl. 13.00-15.00');
  });

  test('the day is the Swedish one: 23:30 UTC on a winter day is already the next day, 21:30 UTC in summer too', () => {
    const { meeting } = kl();
    const winter = booked(meeting, '2026-12-18T09:00', '2026-12-18T10:00');
    expect(startDayQuestion(winter, '2026-12-17T23:30:00.000Z')).toBeUndefined(); // 00.30 on 18 December
    expect(startDayQuestion(winter, '2026-12-17T22:30:00.000Z')?.today).toBe('2026-12-17'); // 23.30 on 17 December
    const summer = booked(meeting, '2026-07-01T09:00', '2026-07-01T10:00');
    expect(startDayQuestion(summer, '2026-06-30T22:30:00.000Z')).toBeUndefined(); // 00.30 on 1 July (UTC+2)
    expect(startDayQuestion(summer, '2026-06-30T21:30:00.000Z')?.today).toBe('2026-06-30'); // 23.30 on 30 June
  });
});

/** A finished kommunallagen meeting sent for justering, its protocol drafted at `at`. */
function underJustering(start = '2021-12-17T13:00', at = '2021-12-17T15:00:00.000Z') {
  const { body, meeting } = kl(start);
  const sent = sendForJustering(body, createDraft(body, meeting, at, 'Maria Lind'), at);
  const approveAs = (m: Meeting, who: string, now: string) => approve(body, m, id(body, who), id(body, who).aadObjectId!, latestVersion(m)!.version, now);
  return { body, sent, approveAs };
}

describe('justering', () => {
  test('cannot come before the meeting day (Swedish day: 23:30 UTC the evening before is already the day)', () => {
    const { sent, approveAs } = underJustering('2026-12-18T09:00');
    expect(() => approveAs(sent, carin.name, '2026-12-17T22:30:00.000Z')).toThrow('Protokollet kan inte justeras före mötesdagen (fredag 18 december 2026). Inget har ändrats.');
    expect(approveAs(sent, carin.name, '2026-12-17T23:30:00.000Z').protocol[0].approvals).toHaveLength(1);
  });

  test('after the deadline counts, but is recorded and printed as late', () => {
    // 17 December 2021 + 14 days = nyårsafton, so the deadline moves to måndag 3 januari 2022.
    const { body, sent, approveAs } = underJustering();
    const late = approveAs(approveAs(sent, carin.name, '2026-12-02T09:00:00.000Z'), eva.name, '2026-12-02T09:05:00.000Z');
    const v = latestVersion(late)!;
    expect(late.status).toBe('justerat');
    expect(v.lateJustering).toEqual({ deadline: '2022-01-03' });
    expect(v.approvals.map((a) => a.late)).toEqual([true, true]);
    const md = renderMarkdown(v.model!, { version: v.version, approvals: v.approvals, lockedAt: v.lockedAt, contentHash: v.contentHash, lateJustering: v.lateJustering });
    expect(md).toContain('Justerat 2026-12-02 kl. 10.00 av Carin Nilsson (version 1), efter fristen');
    expect(md).toContain('Justeringen skedde efter fristen: protokollet skulle ha justerats senast måndag 3 januari 2022.');
    expect(body.justeringDays).toBe(14);
    // A rättelse of the justerat protocol is justerad again, but is not "late": the deadline was for the justering.
    const fixed = sendForJustering(body, correct(body, late, { paragraph: 2, field: 'anteckning', text: 'Rättad anteckning.', rattelse: true }, '2026-12-03T09:00:00.000Z', 'Maria Lind'), '2026-12-03T09:00:00.000Z');
    const relocked = approveAs(approveAs(fixed, carin.name, '2026-12-03T10:00:00.000Z'), eva.name, '2026-12-03T10:05:00.000Z');
    expect(latestVersion(relocked)!.correctionOf).toBe(1);
    expect(latestVersion(relocked)!.lateJustering).toBeUndefined();
  });

  test('on the deadline day until midnight Swedish time is in time', () => {
    const { sent, approveAs } = underJustering();
    const inTime = approveAs(sent, carin.name, '2022-01-03T22:59:00.000Z'); // 23.59 on 3 January
    expect(latestVersion(inTime)!.approvals[0].late).toBeUndefined();
    const after = approveAs(sent, carin.name, '2022-01-03T23:01:00.000Z'); // 00.01 on 4 January
    expect(latestVersion(after)!.approvals[0].late).toBe(true);
  });

  test('omedelbar justering cannot come before the meeting day either', () => {
    const { body, meeting } = kl('2030-12-17T13:00');
    const m = markImmediate({ ...meeting, status: 'pågår' }, 1);
    expect(() => approveImmediate(body, m, 1, id(body, carin.name), '2026-12-02T09:00:00.000Z')).toThrow('§ 2 kan inte justeras före mötesdagen (tisdag 17 december 2030).');
    const started = startMeeting({ ...meeting, status: 'kallat' }, '2030-12-17T12:00:00.000Z');
    expect(approveImmediate(body, markImmediate(started, 1), 1, id(body, carin.name), '2030-12-17T14:00:00.000Z').items[1].immediateJustering?.approvals).toHaveLength(1);
  });
});

describe('anslag', () => {
  // Justerad 23:30 UTC on 20 December 2021, i.e. 00:30 on tisdag 21 december in Sweden.
  function justerad() {
    const { body, sent, approveAs } = underJustering();
    return { body, m: approveAs(approveAs(sent, carin.name, '2021-12-20T23:20:00.000Z'), eva.name, '2021-12-20T23:30:00.000Z') };
  }

  test('cannot be dated before the justering (its Swedish day)', () => {
    const { body, m } = justerad();
    expect(() => recordAnslag(body, m, '2021-12-20', '2021-12-21T10:00:00.000Z', 'Maria Lind')).toThrow('Anslaget kan inte sättas upp före justeringen (tisdag 21 december 2021). Inget har ändrats.');
    expect(recordAnslag(body, m, '2021-12-21', '2021-12-21T10:00:00.000Z', 'Maria Lind').anslag?.date).toBe('2021-12-21');
  });

  test('cannot be dated in the future: today is the Swedish day, just after midnight too', () => {
    const { body, m } = justerad();
    // 23:30 UTC on 21 December is 00:30 on 22 December in Sweden: anslag on the 22nd is today.
    expect(recordAnslag(body, m, '2021-12-22', '2021-12-21T23:30:00.000Z', 'Maria Lind').status).toBe('anslaget');
    expect(() => recordAnslag(body, m, '2021-12-23', '2021-12-21T23:30:00.000Z', 'Maria Lind')).toThrow(/Anslagsdagen kan inte ligga i framtiden \(i dag är det onsdag 22 december 2021\)/);
    expect(() => recordAnslag(body, m, '2021-12-32', '2021-12-21T23:30:00.000Z', 'Maria Lind')).toThrow(/ÅÅÅÅ-MM-DD/);
  });
});

describe('Swedish time (Europe/Stockholm, with summer time)', () => {
  test('at the switches on the last Sunday of March and of October', () => {
    expect(swedishMinute('2026-03-29T00:30:00Z')).toBe('2026-03-29 kl. 01.30'); // still CET
    expect(swedishMinute('2026-03-29T01:30:00Z')).toBe('2026-03-29 kl. 03.30'); // CEST from 01:00 UTC
    expect(swedishMinute('2026-10-25T00:30:00Z')).toBe('2026-10-25 kl. 02.30'); // CEST
    expect(swedishMinute('2026-10-25T01:30:00Z')).toBe('2026-10-25 kl. 02.30'); // CET again: the hour repeats
    expect(stockholmToDate('2026-03-28T09:00').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(stockholmToDate('2026-03-29T09:00').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(stockholmToDate('2026-10-24T09:00').toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(stockholmToDate('2026-10-25T09:00').toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  test('just after midnight Swedish time is the next day', () => {
    expect(swedishDay('2026-12-02T23:30:00Z')).toBe('2026-12-03');
    expect(swedishDay('2026-12-02T22:59:00Z')).toBe('2026-12-02');
    expect(swedishDay('2026-06-30T22:30:00Z')).toBe('2026-07-01');
    expect(swedishMinute('2026-12-31T23:30:00Z')).toBe('2027-01-01 kl. 00.30');
  });
});

test('kallelse reminders start N calendar days before in Swedish time, across the switch to summer time', () => {
  const { body, meeting } = kl();
  const m = { ...meeting, status: 'kallat' as const };
  const startsAt = stockholmToDate('2026-03-30T09:00'); // måndag, the day after the switch
  const b = { ...body, reminderDays: 2 };
  expect(reminderDue(b, m, startsAt, new Date('2026-03-28T07:59:00Z'))).toBe(false); // 08.59 lördag (CET)
  expect(reminderDue(b, m, startsAt, new Date('2026-03-28T08:00:00Z'))).toBe(true); // 09.00 lördag
});
