import { reviewPromiseSentence } from '../../shared/crisis';
import type { Entry } from './types';

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
  const lead = 'Thank you for writing this down. It sounds like a hard moment, and you do not have to get through it alone.';
  if (!s.shared) {
    return {
      lead,
      about: s.queued
        ? [
            'This entry is private, so nobody at the practice will see it. It waits on this phone until you are online again.',
            'If you would like the practice to know how you are, you can tell your therapist.',
          ]
        : [
            'This entry is private, so nobody at the practice will see it.',
            'If you would like them to know how you are, you can share this entry, or tell your therapist.',
          ],
      reviewPromise: null,
      offerShare: !s.queued,
    };
  }
  if (s.queued) {
    const later = reviewPromiseSentence(s.promise, 'it');
    return {
      lead,
      about: [
        `This entry is shared with your therapist and will be sent as soon as this phone is online again.${later ? ` Once it has arrived, ${later.charAt(0).toLowerCase()}${later.slice(1)}` : ''}`,
      ],
      reviewPromise: null,
      offerShare: false,
    };
  }
  return {
    lead,
    about: s.promise ? ['Your therapist can read this entry.'] : ['Your therapist can read this entry. The practice will look at it soon.'],
    reviewPromise: s.promise,
    offerShare: false,
  };
}

/** The entry of a flush that is the one just written (the same run may also carry earlier ones). */
export function sentEntry(sent: readonly Entry[], input: { kind: string; text?: string; mood?: number | null }): Entry | undefined {
  const same = sent.filter((e) => e.kind === input.kind && (e.text ?? '') === (input.text ?? '') && e.mood === (input.mood ?? null));
  return same[same.length - 1] ?? sent[sent.length - 1];
}
