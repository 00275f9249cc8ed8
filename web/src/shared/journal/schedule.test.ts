import { describe, expect, it } from 'vitest';
import { EMPTY_SCHEDULE, describeSchedule, scheduleToForm, toSchedule, type ScheduleForm } from './schedule';

const TODAY = '2026-11-29';
const form = (over: Partial<ScheduleForm>): ScheduleForm => ({ ...EMPTY_SCHEDULE, ...over });
const plain = (ymd: string) => ymd;

describe('toSchedule', () => {
  it('builds a daily schedule, with and without a last day', () => {
    expect(toSchedule(form({ frequency: 'daily' }), TODAY)).toEqual({ ok: true, value: { frequency: 'daily' } });
    expect(toSchedule(form({ frequency: 'daily', until: '2026-12-31' }), TODAY)).toEqual({
      ok: true,
      value: { frequency: 'daily', until: '2026-12-31' },
    });
  });

  it('builds weekly on weekdays in calendar order, whatever order they were ticked in', () => {
    expect(toSchedule(form({ frequency: 'days', days: ['thu', 'mon'] }), TODAY)).toEqual({
      ok: true,
      value: { frequency: 'weekly', days: ['mon', 'thu'] },
    });
  });

  it('builds weekly n times, and refuses 0, 8 and words', () => {
    expect(toSchedule(form({ frequency: 'times', times: '3', until: '2027-01-10' }), TODAY)).toEqual({
      ok: true,
      value: { frequency: 'weekly', times: 3, until: '2027-01-10' },
    });
    for (const times of ['0', '8', 'three', '']) {
      const r = toSchedule(form({ frequency: 'times', times }), TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors['schedule.times']).toBeTruthy();
    }
  });

  it('builds a one-off day and ignores "until" for it', () => {
    expect(toSchedule(form({ frequency: 'once', on: '2026-12-03', until: '2027-01-01' }), TODAY)).toEqual({
      ok: true,
      value: { frequency: 'once', on: '2026-12-03' },
    });
  });

  it('names the field of each problem the way the server does', () => {
    const none = toSchedule(form({ frequency: 'days', days: [] }), TODAY);
    expect(none).toEqual({ ok: false, errors: { 'schedule.days': 'Choose at least one weekday.' } });
    const noDay = toSchedule(form({ frequency: 'once', on: '' }), TODAY);
    expect(noDay.ok || Object.keys(noDay.errors)).toEqual(['schedule.on']);
    const past = toSchedule(form({ frequency: 'once', on: '2026-11-28' }), TODAY);
    expect(past.ok || past.errors['schedule.on']).toMatch(/today or a day ahead/);
    const pastUntil = toSchedule(form({ frequency: 'daily', until: '2026-01-01' }), TODAY);
    expect(pastUntil.ok || Object.keys(pastUntil.errors)).toEqual(['schedule.until']);
  });

  it('round-trips through the form for editing', () => {
    const schedules = [
      { frequency: 'daily' as const },
      { frequency: 'daily' as const, until: '2026-12-31' },
      { frequency: 'weekly' as const, days: ['mon' as const, 'thu' as const] },
      { frequency: 'weekly' as const, times: 2, until: '2027-02-01' },
      { frequency: 'once' as const, on: '2026-12-03' },
    ];
    for (const s of schedules) expect(toSchedule(scheduleToForm(s), TODAY)).toEqual({ ok: true, value: s });
  });
});

describe('describeSchedule', () => {
  it('says each form in plain words', () => {
    expect(describeSchedule({ frequency: 'daily' }, plain)).toBe('Every day');
    expect(describeSchedule({ frequency: 'daily', until: '2026-12-31' }, plain)).toBe('Every day, until 2026-12-31');
    expect(describeSchedule({ frequency: 'weekly', days: ['thu', 'mon'] }, plain)).toBe('Every Monday and Thursday');
    expect(describeSchedule({ frequency: 'weekly', days: ['mon', 'wed', 'fri'] }, plain)).toBe('Every Monday, Wednesday and Friday');
    expect(describeSchedule({ frequency: 'weekly', times: 1 }, plain)).toBe('Once a week');
    expect(describeSchedule({ frequency: 'weekly', times: 3 }, plain)).toBe('3 times a week');
    expect(describeSchedule({ frequency: 'once', on: '2026-12-03' }, plain)).toBe('Once, on 2026-12-03');
  });
});

describe('describeSchedule in Polish and German', () => {
  it('names the days and counts the times in each language', async () => {
    const { loadCatalogue } = await import('../i18n');
    await loadCatalogue('pl');
    await loadCatalogue('de');
    const plain = (d: string) => d;
    expect(describeSchedule({ frequency: 'weekly', days: ['thu', 'mon'] }, plain, 'pl')).toBe('W dni: poniedziałek i czwartek');
    expect(describeSchedule({ frequency: 'weekly', times: 2 }, plain, 'pl')).toBe('2 razy w tygodniu');
    expect(describeSchedule({ frequency: 'weekly', days: ['mon', 'wed', 'fri'] }, plain, 'de')).toBe('Jeden Montag, Mittwoch und Freitag');
    expect(describeSchedule({ frequency: 'daily', until: '2026-12-31' }, plain, 'de')).toBe('Jeden Tag, bis 2026-12-31');
  });
});
