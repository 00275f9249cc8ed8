import type { Entry } from '../../shared/journal/types';
import { t } from '../../shared/i18n';

/**
 * A very low mood in the journal (issue 13): the entry is saved as always, and the practice's
 * crisis contacts are shown under it, gently. What is said about who sees the entry depends on
 * the client's choice (private stays private) and on whether it has reached the practice yet.
 * Pure; tested in lowMood.test.ts.
 */

/** Moods at or below this (on 0–10) bring the crisis contacts; the server uses the same line. */
export const LOW_MOOD_MAX = 2;

export function isLowMood(mood: number | null | undefined): boolean {
  return typeof mood === 'number' && Number.isFinite(mood) && mood <= LOW_MOOD_MAX;
}

export interface LowMoodSituation {
  shared: boolean;
  /** Still waiting on this phone (no connection yet). */
  queued: boolean;
  /** The practice's review promise, when the server gave it (or it is cached for a queued entry). */
  promise: string | null;
}

export interface LowMoodWords {
  /** Shown first, before the contacts: acknowledges the entry without alarm. */
  lead: string;
  /** About who sees this entry, after the contacts. */
  about: string[];
  /** Pass to the crisis panel as its review promise (only when the entry has reached the practice and is shared). */
  reviewPromise: string | null;
  /** Offer "Share this entry with my therapist" (a private entry the server already holds). */
  offerShare: boolean;
}

export function lowMoodWords(s: LowMoodSituation): LowMoodWords {
  const lead = t('journal.lowMood.lead');
  if (!s.shared) {
    return {
      lead,
      about: s.queued
        ? [t('journal.lowMood.privateQueued'), t('journal.lowMood.privateQueuedTell')]
        : [t('journal.lowMood.private'), t('journal.lowMood.privateTell')],
      reviewPromise: null,
      offerShare: !s.queued,
    };
  }
  if (s.queued) {
    const promise = (s.promise ?? '').trim().replace(/[.!\s]+$/, '');
    return {
      lead,
      about: [promise ? t('journal.lowMood.sharedQueuedPromise', { promise }) : t('journal.lowMood.sharedQueued')],
      reviewPromise: null,
      offerShare: false,
    };
  }
  return {
    lead,
    about: s.promise ? [t('journal.lowMood.canRead')] : [t('journal.lowMood.canReadSoon')],
    reviewPromise: s.promise,
    offerShare: false,
  };
}

/** The entry of a flush that is the one just written (the same run may also carry earlier ones). */
export function sentEntry(sent: readonly Entry[], input: { kind: string; text?: string; mood?: number | null }): Entry | undefined {
  const same = sent.filter((e) => e.kind === input.kind && (e.text ?? '') === (input.text ?? '') && e.mood === (input.mood ?? null));
  return same[same.length - 1] ?? sent[sent.length - 1];
}
