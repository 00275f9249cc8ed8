import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeInfo, MeasureResponse } from '../../api/types';
import { setLocale } from '../i18n';
import {
  bandLabel,
  betterSentence,
  changeSentence,
  changeTone,
  dueText,
  formatScore,
  isDue,
  licenceLabel,
  missingNote,
  ordinal,
  percentileText,
  rankedStrengths,
  scaleLabel,
  scheduleInline,
  scheduleLabel,
  scoreText,
  sessionsUntilDueText,
  submittedText,
} from './wording';

const change = (over: Partial<ChangeInfo>): ChangeInfo => ({ difference: 0, rci: 0, sediff: 3.1, reliable: 'no_reliable_change', ...over });

function response(over: Partial<MeasureResponse> = {}): MeasureResponse {
  return {
    id: 'r1',
    client_id: 'c1',
    instrument: 'phq9',
    version: 'v',
    created_at: '2026-11-28T10:00:00Z',
    submitted_by_role: 'client',
    answers: {},
    scores: { total: { value: 9, band: 'Mild', label: 'Total', missing: 0, prorated: false } },
    missing: 0,
    prorated: false,
    alerts: [],
    change: null,
    ...over,
  };
}

describe('change wording', () => {
  it('says which way and whether it is reliable, following the API', () => {
    expect(changeSentence(change({ difference: -9, rci: -2.9, reliable: 'improved' }), 'lower', 'first')).toBe(
      '9 points lower than the first time: a reliable improvement.',
    );
    expect(changeSentence(change({ difference: 7, rci: 2.3, reliable: 'deteriorated' }), 'lower', 'previous')).toBe(
      '7 points higher than last time: a reliable deterioration.',
    );
    expect(changeSentence(change({ difference: 1, rci: 0.3 }), 'lower', 'previous')).toBe(
      '1 point higher than last time: within measurement error, so not a reliable change.',
    );
    expect(changeSentence(change({ difference: 0 }), 'higher', 'first')).toBe('The same as the first time: no change.');
  });

  it('is direction-aware when it has to decide from the RCI itself', () => {
    expect(changeTone(change({ rci: -2.5, reliable: '' }), 'lower')).toBe('improved');
    expect(changeTone(change({ rci: -2.5, reliable: '' }), 'higher')).toBe('deteriorated');
    expect(changeTone(change({ rci: 2.5, reliable: '' }), 'higher')).toBe('improved');
    expect(changeTone(change({ rci: 1.9, reliable: '' }), 'higher')).toBe('neutral');
    // Higher is better (e.g. WHO-5): a rise the API calls an improvement reads as one.
    expect(changeSentence(change({ difference: 24, rci: 2.4, reliable: 'improved' }), 'higher', 'first')).toBe(
      '24 points higher than the first time: a reliable improvement.',
    );
  });

  it('mentions a clinically significant change with its criterion', () => {
    expect(
      changeSentence(change({ difference: -9, rci: -2.9, reliable: 'improved', criterion: 10, clinically_significant: true }), 'lower', 'first'),
    ).toBe('9 points lower than the first time: a reliable improvement, and clinically significant (it crossed 10).');
  });

  it('formats scores without false precision', () => {
    expect(formatScore(14)).toBe('14');
    expect(formatScore(3.16666)).toBe('3.17');
    expect(formatScore(10.125)).toBe('10.1');
    expect(formatScore(-2.5)).toBe('−2.5');
    expect(changeSentence(change({ difference: -0.5, rci: -2.2, reliable: 'improved' }), 'lower', 'first')).toMatch(/^0.5 points lower/);
  });
});

describe('scores and notes', () => {
  it('shows the total with its band, or why there is none', () => {
    expect(scoreText(response().scores.total!)).toBe('9 (Mild)');
    expect(scoreText({ value: null, label: 'Total', missing: 3, prorated: false, why: 'more than 2 items missing' })).toBe(
      'Not scored: more than 2 items missing',
    );
    expect(scoreText(null)).toBe('No total');
  });

  it('words a published percentile as a range of the named norm sample', () => {
    const gq6 = (value: number, from: number, to: number) => ({
      value,
      label: 'Total',
      missing: 0,
      prorated: false,
      percentile: { from, to, norm: 'Adult web sample' },
    });
    expect(scoreText(gq6(36, 25, 50))).toBe('36, between the 25th and 50th percentile (Adult web sample)');
    expect(scoreText(gq6(41, 75, 87))).toBe('41, between the 75th and 87th percentile (Adult web sample)');
    expect(scoreText(gq6(30, 0, 25))).toBe('30, below the 25th percentile (Adult web sample)');
    expect(scoreText(gq6(42, 87, 100))).toBe('42, above the 87th percentile (Adult web sample)');
    // With a band as well, the band comes first; without a percentile nothing is added.
    expect(scoreText({ ...gq6(38, 50, 75), band: 'High' })).toBe('38 (High), between the 50th and 75th percentile (Adult web sample)');
    expect(scoreText(response().scores.total!)).toBe('9 (Mild)');
    expect(percentileText({ from: 50, to: 50, norm: '' })).toBe('at the 50th percentile');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 87, 101, 112].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '87th', '101st', '112th',
    ]);
  });

  it('explains missing and prorated items', () => {
    expect(missingNote(response())).toBeNull();
    expect(missingNote(response({ missing: 1, prorated: true }))).toBe('1 question was not answered; the total was prorated from the answered ones.');
    expect(
      missingNote(response({ missing: 3, scores: { total: { value: null, label: 'Total', missing: 3, prorated: false } } })),
    ).toBe('3 questions were not answered; that is too many for a total.');
  });

  it('ranks strengths by the API ranking, highlighting the top five', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const scores = Object.fromEntries(names.map((n, i) => [n, { value: i, label: n.toUpperCase(), missing: 0, prorated: false }]));
    const ranked = rankedStrengths(response({ scores, ranking: [...names].reverse() }));
    expect(ranked.map((r) => r.id)).toEqual(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
    expect(ranked.filter((r) => r.signature).map((r) => r.label)).toEqual(['G', 'F', 'E', 'D', 'C']);
    // Without a ranking: by value, ties in file order.
    const tied = rankedStrengths(
      response({
        scores: {
          x: { value: 3, label: 'X', missing: 0, prorated: false },
          y: { value: 4, label: 'Y', missing: 0, prorated: false },
          z: { value: 3, label: 'Z', missing: 0, prorated: false },
        },
      }),
    );
    expect(tied.map((r) => r.id)).toEqual(['y', 'x', 'z']);
  });

  it('labels licences, schedules and due dates', () => {
    expect(licenceLabel('confirm')).toBe('Licence terms need your confirmation');
    expect(licenceLabel('weird')).toBe('weird');
    expect(scheduleLabel(null)).toBe('Once');
    expect(scheduleLabel(1)).toBe('Every week');
    expect(scheduleLabel(4)).toBe('Every 4 weeks');
    expect(scheduleLabel(null, 1)).toBe('After every session');
    expect(scheduleLabel(null, 3)).toBe('Every 3 sessions');
    expect(sessionsUntilDueText({ every_sessions: 3, sessions_since: 1, next_due_at: null })).toBe(
      'Due after 2 more attended sessions',
    );
    expect(sessionsUntilDueText({ every_sessions: 3, sessions_since: 2, next_due_at: null })).toBe(
      'Due after the next attended session',
    );
    expect(sessionsUntilDueText({ every_sessions: 3, sessions_since: 3, next_due_at: '2026-11-30T10:00:00Z' })).toBeNull();
    expect(sessionsUntilDueText({ every_sessions: null, next_due_at: null })).toBeNull();
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(isDue({ active: true, next_due_at: '2026-11-28T09:00:00Z' }, now)).toBe(true);
    expect(isDue({ active: true, next_due_at: '2026-11-29T09:00:00Z' }, now)).toBe(false);
    expect(isDue({ active: false, next_due_at: '2026-11-01T09:00:00Z' }, now)).toBe(false);
    expect(isDue({ active: true, next_due_at: null }, now)).toBe(false);
  });
});

describe('dueText', () => {
  const fmt = (iso: string) => iso.slice(0, 10);
  it('says today, since or next in plain words', () => {
    const now = new Date(2026, 10, 28, 15, 0).getTime();
    expect(dueText(new Date(2026, 10, 28, 9, 0).toISOString(), now, fmt)).toBe('Due today');
    expect(dueText(new Date(2026, 10, 28, 18, 0).toISOString(), now, fmt)).toBe('Due later today');
    expect(dueText(new Date(2026, 10, 20, 12, 0).toISOString(), now, fmt)).toMatch(/^Due since 2026-11-/);
    expect(dueText(new Date(2026, 11, 26, 12, 0).toISOString(), now, fmt)).toMatch(/^Next due 2026-12-/);
    expect(dueText(null, now, fmt)).toBe('Not due');
  });
});

describe('in English, the inline and labelled forms', () => {
  it('writes a schedule inside a sentence in lower case, and who gave a response', () => {
    expect(scheduleInline(null)).toBe('once');
    expect(scheduleInline(2)).toBe('every 2 weeks');
    expect(scheduleInline(null, 1)).toBe('after every session');
    expect(submittedText('28 Nov 2026, 10:00', 'client')).toBe('28 Nov 2026, 10:00, by the client');
    expect(submittedText('28 Nov 2026, 10:00', 'therapist')).toBe('28 Nov 2026, 10:00, in session');
    expect(submittedText('28 Nov 2026, 10:00', 'link')).toBe('28 Nov 2026, 10:00, by the client, through a link');
    expect(submittedText('28 Nov 2026, 10:00', 'admin')).toBe('28 Nov 2026, 10:00, by admin');
    expect(missingNote(response({ missing: 2 }))).toBe('2 questions were not answered.');
    expect(betterSentence('higher')).toBe('Higher scores are better.');
  });
});

/** Every band and generic scale name the shipped instruments use (the server sends them in English). */
const INSTRUMENTS = import.meta.glob<{ trove: { scales: { label: string; bands?: { label: string }[] }[] } }>('../../../../instruments/*.json', {
  eager: true,
  import: 'default',
});

describe('in Polish and German', () => {
  afterAll(() => setLocale('en'));

  describe('Polish', () => {
    beforeAll(() => setLocale('pl'));

    it('says how many points with Polish plurals and a decimal comma', () => {
      expect(changeSentence(change({ difference: -9, rci: -2.9, reliable: 'improved' }), 'lower', 'first')).toBe(
        'O 9 punktów mniej niż w pierwszym pomiarze: rzetelna poprawa.',
      );
      expect(changeSentence(change({ difference: 2, rci: 0.6 }), 'lower', 'previous')).toBe(
        'O 2 punkty więcej niż w poprzednim pomiarze: w granicach błędu pomiaru, więc nie jest to rzetelna zmiana.',
      );
      expect(changeSentence(change({ difference: 1, rci: 0.3 }), 'lower', 'previous')).toMatch(/^O 1 punkt więcej/);
      expect(changeSentence(change({ difference: -0.5, rci: -2.2, reliable: 'improved' }), 'lower', 'first')).toMatch(/^O 0,5 punktu mniej/);
      expect(changeSentence(change({ difference: 0 }), 'lower', 'first')).toBe('Tyle samo co w pierwszym pomiarze: bez zmian.');
      expect(
        changeSentence(change({ difference: -9, rci: -2.9, reliable: 'improved', criterion: 9.5, clinically_significant: true }), 'lower', 'first'),
      ).toBe('O 9 punktów mniej niż w pierwszym pomiarze: rzetelna poprawa, istotna również klinicznie (wynik przeszedł przez punkt odcięcia 9,5).');
      expect(formatScore(3.16666)).toBe('3,17');
      expect(formatScore(-2.5)).toBe('−2,5');
    });

    it('names bands, percentiles, gaps and schedules as Polish clinicians do', () => {
      expect(scoreText({ value: 18, band: 'Moderately severe', label: 'Total', missing: 0, prorated: false })).toBe('18 (Umiarkowanie ciężkie)');
      expect(scaleLabel('Total')).toBe('Wynik ogólny');
      expect(scaleLabel('Creativity')).toBe('Creativity');
      expect(percentileText({ from: 25, to: 50, norm: 'Adult web sample' })).toBe('między 25. a 50. percentylem (Adult web sample)');
      expect(ordinal(87)).toBe('87.');
      expect(missingNote(response({ missing: 2 }))).toBe('2 pytania pozostały bez odpowiedzi.');
      expect(missingNote(response({ missing: 5 }))).toBe('5 pytań pozostało bez odpowiedzi.');
      expect([1, 2, 5, 22].map((n) => scheduleLabel(n))).toEqual(['Co tydzień', 'Co 2 tygodnie', 'Co 5 tygodni', 'Co 22 tygodnie']);
      expect(scheduleLabel(null, 1)).toBe('Po każdej sesji');
      expect(sessionsUntilDueText({ every_sessions: 3, sessions_since: 1, next_due_at: null })).toBe('Do wypełnienia po 2 kolejnych odbytych sesjach');
      expect(licenceLabel('confirm')).toBe('Warunki licencji wymagają Twojego potwierdzenia');
    });
  });

  describe('German', () => {
    beforeAll(() => setLocale('de'));

    it('uses the German bands and "reliabel", and due texts that survive lower case in the portal', () => {
      expect(['Minimal', 'Mild', 'Moderate', 'Moderately severe', 'Severe'].map(bandLabel)).toEqual([
        'Minimal',
        'Leicht',
        'Mittelgradig',
        'Ausgeprägt',
        'Schwer',
      ]);
      expect(changeSentence(change({ difference: 7, rci: 2.3, reliable: 'deteriorated' }), 'lower', 'previous')).toBe(
        '7 Punkte höher als beim letzten Mal: eine reliable Verschlechterung.',
      );
      expect(changeSentence(change({ difference: -1, rci: -0.3 }), 'lower', 'first')).toBe(
        '1 Punkt niedriger als beim ersten Mal: innerhalb des Messfehlers, also keine reliable Veränderung.',
      );
      expect(scheduleLabel(null, 3)).toBe('Alle 3 Sitzungen');
      expect(scheduleInline(2)).toBe('alle 2 Wochen');
      const now = new Date(2026, 10, 28, 15, 0).getTime();
      expect(dueText(new Date(2026, 10, 28, 9, 0).toISOString(), now, (iso) => iso.slice(0, 10))).toBe('Heute fällig');
      expect(dueText(new Date(2026, 10, 20, 12, 0).toISOString(), now, () => '20.11.2026').toLowerCase()).toBe('fällig seit 20.11.2026');
    });
  });

  it('has a Polish and a German name for every band and generic scale the shipped instruments use', async () => {
    const files = Object.values(INSTRUMENTS);
    expect(files.length).toBeGreaterThan(5);
    const bands = files.flatMap((f) => f.trove.scales.flatMap((s) => (s.bands ?? []).map((b) => b.label)));
    expect(bands).toContain('Moderately severe');
    // Every Polish name differs from the English one, so an unmapped band would show here.
    await setLocale('pl');
    for (const band of bands) expect(bandLabel(band), band).not.toBe(band);
    expect(scaleLabel('Total')).not.toBe('Total');
    await setLocale('de');
    expect(bands.map(bandLabel)).toContain('Ausgeprägt');
    expect(scaleLabel('Total')).toBe('Gesamtwert');
  });
});
