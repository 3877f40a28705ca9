import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, warningTime, workingDaysBetween } from './working-days.ts';

const at = (iso: string) => new Date(iso);

describe('Swedish working days', () => {
  it.each([
    ['2026-06-18', true, 'the Thursday before midsommar'],
    ['2026-06-19', false, 'midsommarafton, when the offices are closed'],
    ['2026-06-22', true, 'the Monday after midsommar'],
    ['2026-04-02', true, 'skärtorsdagen'],
    ['2026-04-03', false, 'långfredagen'],
    ['2026-04-06', false, 'annandag påsk'],
    ['2026-04-07', true, 'the Tuesday after Easter'],
    ['2026-04-30', true, 'valborgsmässoafton'],
    ['2026-05-14', false, 'Kristi himmelsfärds dag'],
    ['2026-05-15', true, 'the Friday after Kristi himmelsfärd'],
    ['2026-05-25', true, 'annandag pingst, no longer a holiday'],
    ['2026-12-23', true, 'the day before julafton'],
    ['2026-12-24', false, 'julafton'],
    ['2026-12-25', false, 'juldagen'],
    ['2026-12-26', false, 'annandag jul, a Saturday'],
    ['2026-12-28', true, 'the Monday after Christmas'],
    ['2026-12-31', false, 'nyårsafton'],
    ['2027-01-01', false, 'nyårsdagen'],
    ['2027-01-04', true, 'the first Monday of 2027'],
    ['2027-01-06', false, 'trettondedag jul'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-03-08', false, 'a Sunday'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-6-1', '18/06/2026', ''])('refuses %j as a date', (date) => {
    expect(() => isWorkingDay(date)).toThrow(RangeError);
  });
});

describe('a deadline in working days', () => {
  it.each([
    ['before midsommar, Thursday afternoon', '2026-06-18T14:00:00+02:00', 1, '2026-06-22T14:00:00+02:00'],
    ['before Easter, skärtorsdagen', '2026-04-02T16:00:00+02:00', 1, '2026-04-07T16:00:00+02:00'],
    ['before Kristi himmelsfärd', '2026-05-13T10:00:00+02:00', 1, '2026-05-15T10:00:00+02:00'],
    ['before Christmas, one day', '2026-12-23T09:30:00+01:00', 1, '2026-12-28T09:30:00+01:00'],
    ['before Christmas, three days', '2026-12-23T09:30:00+01:00', 3, '2026-12-30T09:30:00+01:00'],
    ['across the new year', '2026-12-23T09:30:00+01:00', 4, '2027-01-04T09:30:00+01:00'],
    ['over a week of working days', '2026-03-02T08:15:00+01:00', 10, '2026-03-16T08:15:00+01:00'],
    ['over the spring DST weekend', '2026-03-27T10:00:00+01:00', 1, '2026-03-30T10:00:00+02:00'],
    ['over the autumn DST weekend', '2026-10-23T10:00:00+02:00', 1, '2026-10-26T10:00:00+01:00'],
    ['from 23:30 Swedish time, still the same day in UTC', '2026-06-18T23:30:00+02:00', 1, '2026-06-22T23:30:00+02:00'],
    ['from 23:30 Swedish time on 30 December', '2026-12-30T23:30:00+01:00', 1, '2027-01-04T23:30:00+01:00'],
  ])('received %s', (_when, received, days, deadline) => {
    expect(addWorkingDays(at(received), days)).toEqual(at(deadline));
  });

  it.each([
    ['on a Saturday, one day: the end of Monday', '2026-03-07T11:00:00+01:00', 1, '2026-03-09T23:59:59.999+01:00'],
    ['on a Saturday, two days: the end of Tuesday', '2026-03-07T11:00:00+01:00', 2, '2026-03-10T23:59:59.999+01:00'],
    ['on långfredagen: the end of the Tuesday after Easter', '2026-04-03T09:00:00+02:00', 1, '2026-04-07T23:59:59.999+02:00'],
    ['on midsommarafton', '2026-06-19T10:00:00+02:00', 1, '2026-06-22T23:59:59.999+02:00'],
    ['on julafton, three days: 28, 29 and 30 December', '2026-12-24T12:00:00+01:00', 3, '2026-12-30T23:59:59.999+01:00'],
    ['on julafton, four days: across the new year', '2026-12-24T12:00:00+01:00', 4, '2027-01-04T23:59:59.999+01:00'],
    ['on the Sunday the clocks go forward', '2026-03-29T12:00:00+02:00', 1, '2026-03-30T23:59:59.999+02:00'],
  ])('received %s', (_when, received, days, deadline) => {
    expect(addWorkingDays(at(received), days)).toEqual(at(deadline));
  });

  it('goes by the Swedish date: 00:30 on midsommarafton is the previous day in UTC, but not a working day', () => {
    const received = at('2026-06-19T00:30:00+02:00');
    expect(received.toISOString().slice(0, 10)).toBe('2026-06-18');
    expect(addWorkingDays(received, 1)).toEqual(at('2026-06-22T23:59:59.999+02:00'));
  });

  it('goes by the Swedish date: 00:30 on a Monday is Sunday in UTC, but a working day', () => {
    const received = at('2026-03-09T00:30:00+01:00');
    expect(received.getUTCDay()).toBe(0);
    expect(addWorkingDays(received, 1)).toEqual(at('2026-03-10T00:30:00+01:00'));
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s working days', (days) => {
    expect(() => addWorkingDays(at('2026-03-09T10:00:00+01:00'), days)).toThrow(RangeError);
  });
});

describe('working days between two moments', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween(at('2026-06-18T14:00:00+02:00'), at('2026-06-22T09:00:00+02:00'))).toBe(1);
    expect(workingDaysBetween(at('2026-12-23T09:30:00+01:00'), at('2027-01-04T09:30:00+01:00'))).toBe(4);
    expect(workingDaysBetween(at('2026-03-07T11:00:00+01:00'), at('2026-03-09T23:59:59.999+01:00'))).toBe(1);
  });

  it('is 0 within the same Swedish day, and negative when the deadline has passed', () => {
    expect(workingDaysBetween(at('2026-03-09T00:10:00+01:00'), at('2026-03-09T23:50:00+01:00'))).toBe(0);
    expect(workingDaysBetween(at('2027-01-04T09:30:00+01:00'), at('2026-12-23T09:30:00+01:00'))).toBe(-4);
  });

  it('agrees with the deadline for messages received on working days', () => {
    const received = at('2026-12-21T15:45:00+01:00');
    for (const days of [1, 2, 3, 5, 10]) {
      expect(workingDaysBetween(received, addWorkingDays(received, days))).toBe(days);
    }
  });
});

describe('when to warn before a deadline', () => {
  it('warns after three quarters of the time', () => {
    expect(warningTime(at('2026-03-10T08:00:00+01:00'), at('2026-03-09T08:00:00+01:00'))).toEqual(
      at('2026-03-10T02:00:00+01:00'),
    );
  });

  it('measures real time across a DST change', () => {
    const received = at('2026-03-27T10:00:00+01:00');
    const deadline = addWorkingDays(received, 1);
    // 71 hours of real time, as the clocks go forward one hour on Sunday.
    expect(deadline.getTime() - received.getTime()).toBe(71 * 3_600_000);
    expect(warningTime(deadline, received)).toEqual(at('2026-03-29T16:15:00+02:00'));
  });
});
