import type { Schedule, Weekday } from './types';
import { WEEKDAYS } from './types';
import { formatDay } from './wording';
import { currentLocale, t, translate, type Locale } from '../i18n';

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
    if (!DATE.test(until)) errors['schedule.until'] = t('journal.schedule.check.until');
    else if (until < today) errors['schedule.until'] = t('journal.schedule.check.untilPast');
  }
  const withUntil = <T extends object>(s: T): T => (until && !errors['schedule.until'] ? { ...s, until } : s);
  switch (form.frequency) {
    case 'daily':
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: withUntil({ frequency: 'daily' as const }) };
    case 'days': {
      const days = WEEKDAYS.filter((d) => form.days.includes(d));
      if (days.length === 0) errors['schedule.days'] = t('journal.schedule.check.days');
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: withUntil({ frequency: 'weekly' as const, days }) };
    }
    case 'times': {
      const raw = form.times.trim();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1 || n > 7) errors['schedule.times'] = t('journal.schedule.check.times');
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: withUntil({ frequency: 'weekly' as const, times: n }) };
    }
    case 'once': {
      const on = form.on.trim();
      if (!DATE.test(on)) errors['schedule.on'] = t('journal.schedule.check.on');
      else if (on < today) errors['schedule.on'] = t('journal.schedule.check.onPast');
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

// 1 January 2024 was a Monday: the weekday names come from Intl in the reader's language.
const DAY_INDEX: Record<Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

export function dayName(d: Weekday, locale: Locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + DAY_INDEX[d], 12));
}

/** "Monday, Wednesday and Friday" (British English lists take no comma before "and"). */
function listOf(words: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { style: 'long', type: 'conjunction' }).format(words);
}

/** "Every day", "Every Monday and Thursday", "3 times a week", "Once, on 3 Dec 2026" (+ ", until …"). */
export function describeSchedule(s: Schedule, format: (ymd: string) => string = (d) => formatDay(d), locale: Locale = currentLocale()): string {
  let text: string;
  switch (s.frequency) {
    case 'daily':
      text = translate(locale, 'journal.schedule.daily');
      break;
    case 'weekly':
      if ('days' in s) {
        const days = WEEKDAYS.filter((d) => s.days.includes(d));
        text = days.length === 7 ? translate(locale, 'journal.schedule.daily') : translate(locale, 'journal.schedule.days', { days: listOf(days.map((d) => dayName(d, locale)), locale) });
      } else text = translate(locale, 'journal.schedule.times', { n: s.times });
      break;
    case 'once':
      return translate(locale, 'journal.schedule.once', { date: format(s.on) });
  }
  return s.until ? translate(locale, 'journal.schedule.until', { text, date: format(s.until) }) : text;
}
