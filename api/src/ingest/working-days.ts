import Holidays from 'date-holidays';

/**
 * Swedish working days (arbetsdagar) for the deadlines of function-mailbox queues. A
 * working day is a weekday that is neither a public holiday (röd dag) nor one of the eves
 * on which municipal offices are closed: midsommarafton, julafton and nyårsafton, which
 * date-holidays types `bank`. Days it types `optional` or `observance` (skärtorsdagen,
 * valborgsmässoafton, annandag pingst) are working days. Dates are Swedish dates.
 */

const TIME_ZONE = 'Europe/Stockholm';
const DAY_MS = 86_400_000;
const CLOSED_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

const calendar = new Holidays('SE');
// The calendar is fixed by law, so a year computed once holds for the process's life.
const closedDaysByYear = new Map<number, ReadonlySet<string>>();

function closedDays(year: number): ReadonlySet<string> {
  let days = closedDaysByYear.get(year);
  if (!days) {
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((holiday) => CLOSED_TYPES.has(holiday.type))
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    closedDaysByYear.set(year, days);
  }
  return days;
}

/** Midnight UTC of a `YYYY-MM-DD` date, which must be a real date. */
function dateValue(date: string): number {
  const match = DATE.exec(date);
  const value = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(value) || new Date(value).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  }
  return value;
}

function dateOf(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** Whether `date` (a Swedish date, `YYYY-MM-DD`) is a working day. */
export function isWorkingDay(date: string): boolean {
  const value = dateValue(date);
  const weekday = new Date(value).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !closedDays(new Date(value).getUTCFullYear()).has(date);
}

function nextWorkingDay(date: string): string {
  let value = dateValue(date);
  do value += DAY_MS;
  while (!isWorkingDay(dateOf(value)));
  return dateOf(value);
}

const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Swedish wall-clock time at `instant`, written as if it were UTC. */
// Sweden changes its clocks on a whole UTC hour, so the offset holds for each UTC hour; asking
// Intl once an hour instead of once a call makes a page of a thousand mails cheap to date.
const offsetByHour = new Map<number, number>();
const HOUR_MS = 3_600_000;

function swedishWallClock(instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of wallClockFormat.formatToParts(new Date(hour * HOUR_MS))) parts[part.type] = Number(part.value);
    const { year = 0, month = 1, day = 1, hour: h = 0, minute = 0, second = 0 } = parts;
    offset = Date.UTC(year, month - 1, day, h, minute, second) - hour * HOUR_MS;
    if (offsetByHour.size > 50_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return instant + offset;
}

function swedishDateAndTime(moment: Date): { date: string; timeOfDay: number } {
  const wallClock = swedishWallClock(moment.getTime());
  const timeOfDay = ((wallClock % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: dateOf(wallClock - timeOfDay), timeOfDay };
}

/** The instant at which Swedish clocks show `timeOfDay` on `date`. */
function swedishInstant(date: string, timeOfDay: number): Date {
  const wallClock = dateValue(date) + timeOfDay;
  // The offset at the wall-clock time read as UTC is right except within hours of a
  // change; a second pass with the offset at the first guess settles it.
  const guess = wallClock - (swedishWallClock(wallClock) - wallClock);
  return new Date(wallClock - (swedishWallClock(guess) - guess));
}

/**
 * The deadline for a message received at `from` that must be handled within `days`
 * working days (at least 1).
 * - Received on a working day: the same Swedish clock time on the `days`-th working day
 *   after it (Thursday 14:00 before midsommar, 1 day: Monday 14:00).
 * - Received on a weekend or holiday: as if received when the next working day opens,
 *   which counts as day 1; the deadline is the end (23:59:59.999) of the `days`-th working
 *   day (Saturday, 1 day: the end of Monday).
 * The Swedish date decides which day a message arrived on, also near midnight.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Working days must be a positive integer: ${days}`);
  const { date, timeOfDay } = swedishDateAndTime(from);
  const { day, working } = deadlineDay(date, days);
  return swedishInstant(day, working ? timeOfDay : DAY_MS - 1);
}

// Mail comes in by the thousand on the same few days: the calendar walk is done once a date.
const deadlineDays = new Map<string, { day: string; working: boolean }>();

function deadlineDay(date: string, days: number): { day: string; working: boolean } {
  const key = `${date}+${days}`;
  let found = deadlineDays.get(key);
  if (!found) {
    const working = isWorkingDay(date);
    let day = working ? date : nextWorkingDay(date);
    for (let i = working ? 0 : 1; i < days; i++) day = nextWorkingDay(day);
    found = { day, working };
    if (deadlineDays.size > 10_000) deadlineDays.clear();
    deadlineDays.set(key, found);
  }
  return found;
}

/**
 * How many working days lie after `a`'s Swedish date, up to and including `b`'s; negative
 * when `b` comes first. As time left from now to a deadline, 0 means it falls today.
 */
export function workingDaysBetween(a: Date, b: Date): number {
  const from = swedishDateAndTime(a).date;
  const to = swedishDateAndTime(b).date;
  if (to < from) return -workingDaysBetween(b, a);
  let count = 0;
  for (let value = dateValue(from) + DAY_MS; value <= dateValue(to); value += DAY_MS) {
    if (isWorkingDay(dateOf(value))) count++;
  }
  return count;
}

/** When to warn the queue's members: after 75 % of the real time from `received` to `deadline`. */
export function warningTime(deadline: Date, received: Date): Date {
  return new Date(received.getTime() + Math.round((deadline.getTime() - received.getTime()) * 0.75));
}
