import { describe, expect, it } from 'vitest';
import { checkDraft, emptyDraft, toNewEntry, toPatch } from './draft';
import { exerciseFromForm, EMPTY_EXERCISE, formFieldOf, lines } from './exerciseForm';
import type { Adherence, Assignment } from '../../shared/journal/types';
import { adherenceSummary, allDoneText, encouragement, formatDay, kindChip, localDay, parseDay, privacyText, streakSummary } from '../../shared/journal/wording';
import { webcalUrl } from './PortalCards';

const adh = (over: Partial<Adherence>): Adherence => ({ due: 10, done: 4, current_streak: 0, longest_streak: 3, streak_unit: 'day', ...over });

describe('wording', () => {
  it('says plainly who can read an entry', () => {
    expect(privacyText(false)).toBe('Only you can see this');
    expect(privacyText(true)).toBe('Your therapist can read this');
  });

  it('never shames: no streak talk when there is no streak, never words like "broke" or "missed"', () => {
    expect(encouragement(adh({ current_streak: 0, done: 0 }))).toBeNull();
    expect(encouragement(adh({ current_streak: 0, done: 1 }))).toBe('You have done this once so far.');
    expect(encouragement(adh({ current_streak: 5 }))).toBe('5 days in a row. Lovely.');
    expect(encouragement(adh({ current_streak: 2, streak_unit: 'week' }))).toBe('2 weeks in a row. Lovely.');
    const all = [
      encouragement(adh({ current_streak: 0, done: 3 })),
      allDoneText([]),
      allDoneText([{ status: 'active', done_today: true } as Assignment]),
      allDoneText([{ status: 'active', done_today: false } as Assignment]),
      adherenceSummary(adh({ done: 0 })),
      streakSummary(adh({ current_streak: 0 })),
    ].join(' ');
    expect(all).not.toMatch(/broke|broken|missed|failed|lost|only/i);
  });

  it('summarises adherence for the care team', () => {
    expect(adherenceSummary(adh({}))).toBe('4 of 10 days');
    expect(adherenceSummary(adh({ due: 4, done: 2, streak_unit: 'week' }))).toBe('2 of 4 times');
    expect(adherenceSummary(adh({ due: 0, done: 0 }))).toBe('Nothing due yet');
    expect(streakSummary(adh({ current_streak: 1, longest_streak: 1 }))).toBe('1 day in a row now · longest 1 day');
    expect(streakSummary(adh({ current_streak: 0, longest_streak: 3 }))).toBe('Longest 3 days');
    expect(streakSummary(adh({ current_streak: 0, longest_streak: 0, streak_unit: 'week' }))).toBe('No run yet');
  });

  it('reads dates as calendar days in the reader’s zone, not UTC midnight', () => {
    expect(parseDay('2026-12-03')!.getDate()).toBe(3);
    expect(parseDay('3.12.2026')).toBeNull();
    expect(formatDay(null)).toBe('—');
    expect(localDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('has a short label for every kind', () => {
    expect(kindChip('success')).toBe('Went well');
    expect(kindChip('strength_use')).toBe('Used a strength');
    expect(kindChip('unknown')).toBe('unknown');
  });

  it('turns the feed URL into a webcal:// link', () => {
    expect(webcalUrl('https://trove.example/calendar/abc.ics')).toBe('webcal://trove.example/calendar/abc.ics');
    expect(webcalUrl('http://127.0.0.1:8420/calendar/abc.ics')).toBe('webcal://127.0.0.1:8420/calendar/abc.ics');
  });
});

describe('entry drafts', () => {
  it('needs words or a mood, like the server', () => {
    expect(checkDraft(emptyDraft(false))).toEqual({ text: 'Write a few words or choose how you feel.' });
    expect(checkDraft({ ...emptyDraft(false), mood: 0 })).toEqual({});
    expect(checkDraft({ ...emptyDraft(false), text: '  ok ' })).toEqual({});
    expect(checkDraft({ ...emptyDraft(false), text: 'x'.repeat(5001) }).text).toMatch(/5000/);
  });

  it('sends only what was filled in on create, and clears with nulls on edit', () => {
    const d = { ...emptyDraft(true, 'success', 'a1'), text: ' Three good things \n' };
    expect(toNewEntry(d)).toEqual({ kind: 'success', text: 'Three good things', shared: true, assignment_id: 'a1' });
    expect(toNewEntry({ ...d, mood: 0, strength_codes: ['love'], resource_id: 'r1' })).toMatchObject({ mood: 0, strength_codes: ['love'], resource_id: 'r1' });
    expect(toPatch({ ...d, mood: null })).toEqual({ kind: 'success', text: 'Three good things', mood: null, strength_codes: [], resource_id: null, shared: true });
  });
});

describe('exercise form', () => {
  it('splits lists by line and drops typed numbering', () => {
    expect(lines('1. Sit down\n\n- Breathe in\n  2) Breathe out  ')).toEqual(['Sit down', 'Breathe in', 'Breathe out']);
  });

  it('builds the exercise body, leaving out an empty caution and empty sources', () => {
    const r = exerciseFromForm({
      ...EMPTY_EXERCISE,
      title: ' Box breathing ',
      instructions: 'In for 4\nHold for 4',
      prompts: 'How do you feel now?',
      duration: '5',
      evidence: [
        { citation: 'Someone (2020). A study.', doi: 'https://doi.org/10.1/xyz' },
        { citation: '', doi: '' },
      ],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'Box breathing',
        summary: '',
        purpose: '',
        instructions: ['In for 4', 'Hold for 4'],
        prompts: ['How do you feel now?'],
        duration_minutes: 5,
        journal_kind: 'free',
        suitable_for: ['adults'],
        evidence: [{ citation: 'Someone (2020). A study.', doi: '10.1/xyz' }],
      },
    });
  });

  it('names what is missing', () => {
    const r = exerciseFromForm({ ...EMPTY_EXERCISE, duration: '0', evidence: [{ citation: '', doi: '10.1/x' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['duration_minutes', 'evidence', 'instructions', 'title']);
    expect(formFieldOf('evidence[2].citation')).toBe('evidence');
    expect(formFieldOf('title')).toBe('title');
  });
});
