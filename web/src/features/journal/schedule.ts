import type { Schedule, Weekday } from './types';
import { WEEKDAYS } from './types';
import { formatDay } from './wording';

/** The schedule editor's state: strings as typed, turned into the API's schedule by `toSchedule`. */
export interface ScheduleForm {
  frequency: 'daily' | 'days' | 'times' | 'once';
  days: Weekday[];
  times: string;
  on: string;
  until: string;
}

export const EMPTY_SCHEDULE: ScheduleForm = { frequency: 'daily', days: [], times: '3', on: '', until: '' };

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks the form and builds the schedule JSON. `today` (YYYY-MM-DD) lets it refuse a one-off day or
 * an end date in the past before the server has to. Error keys match the server's `schedule.*` fields.
 */
export function toSchedule(form: ScheduleForm, today: string): Checked<Schedule> {
  const errors: Record<string, string> = {};
  const until = form.until.trim();
  if (form.frequency !== 'once' && until !== '') {
    if (!DATE.test(until)) errors['schedule.until'] = 'Choose a date, or leave it empty to keep going.';
    else if (until < today) errors['schedule.until'] = 'The last day cannot be in the past.';
  }
  const withUntil = <T extends object>(s: T): T => (until && !errors['schedule.until'] ? { ...s, until } : s);
  switch (form.frequency) {
    case 'daily':
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: withUntil({ frequency: 'daily' as const }) };
    case 'days': {
      const days = WEEKDAYS.filter((d) => form.days.includes(d));
      if (days.length === 0) errors['schedule.days'] = 'Choose at least one weekday.';
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: withUntil({ frequency: 'weekly' as const, days }) };
    }
    case 'times': {
      const raw = form.times.trim();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1 || n > 7) errors['schedule.times'] = 'Choose from 1 to 7 times a week.';
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: withUntil({ frequency: 'weekly' as const, times: n }) };
    }
    case 'once': {
      const on = form.on.trim();
      if (!DATE.test(on)) errors['schedule.on'] = 'Choose the day.';
      else if (on < today) errors['schedule.on'] = 'Choose today or a day ahead.';
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { frequency: 'once', on } };
    }
  }
}

/** The other way round, for editing an existing assignment's schedule. */
export function scheduleToForm(s: Schedule): ScheduleForm {
  const until = 'until' in s && s.until ? s.until : '';
  switch (s.frequency) {
    case 'daily':
      return { ...EMPTY_SCHEDULE, frequency: 'daily', until };
    case 'weekly':
      return 'days' in s
        ? { ...EMPTY_SCHEDULE, frequency: 'days', days: [...s.days], until }
        : { ...EMPTY_SCHEDULE, frequency: 'times', times: String(s.times), until };
    case 'once':
      return { ...EMPTY_SCHEDULE, frequency: 'once', on: s.on };
  }
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function dayName(d: Weekday): string {
  return DAY_NAMES[d];
}

function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "Every day", "Mondays and Thursdays", "3 times a week", "Once, on Dec 3, 2026" (+ ", until …"). */
export function describeSchedule(s: Schedule, format: (ymd: string) => string = (d) => formatDay(d)): string {
  let text: string;
  switch (s.frequency) {
    case 'daily':
      text = 'Every day';
      break;
    case 'weekly':
      if ('days' in s) {
        const days = WEEKDAYS.filter((d) => s.days.includes(d));
        text = days.length === 7 ? 'Every day' : `Every ${listOf(days.map((d) => DAY_NAMES[d]))}`;
      } else text = s.times === 1 ? 'Once a week' : `${s.times} times a week`;
      break;
    case 'once':
      return `Once, on ${format(s.on)}`;
  }
  return s.until ? `${text}, until ${format(s.until)}` : text;
}
