import type { Crisis, CrisisContact } from '../api/types';
import { currentLocale, translate, type Locale } from './i18n';

/**
 * Wording and links for the practice's crisis contacts (issue 13). Pure, so the sentences a
 * person in distress reads are pinned by unit tests: calm, honest about when the practice looks,
 * never an exclamation mark, never a promise that someone watches in real time.
 */

/** `tel:` keeps only digits and a leading +, so "0800 111 0 111" dials as 08001110111. */
export function telHref(number: string, scheme: 'tel' | 'sms' = 'tel'): string {
  const trimmed = number.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  return `${scheme}:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** Only web addresses a person can safely open (the server accepts http and https only). */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  const u = url.trim();
  return /^https?:\/\/\S+$/i.test(u) ? u : null;
}

/** "https://www.telefonseelsorge.de/" → "telefonseelsorge.de", for printing and for short labels. */
export function shortUrl(url: string): string {
  return url
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');
}

const blank = (s: unknown): s is undefined => typeof s !== 'string' || s.trim() === '';

/**
 * Accepts a Crisis from the server or from storage on this device; anything malformed is
 * dropped. Null when nothing usable is left (no contact that can be reached).
 */
export function normaliseCrisis(value: unknown): Crisis | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { text?: unknown; contacts?: unknown };
  const contacts: CrisisContact[] = [];
  if (Array.isArray(v.contacts)) {
    for (const raw of v.contacts) {
      if (!raw || typeof raw !== 'object') continue;
      const c = raw as Record<string, unknown>;
      if (blank(c.label)) continue;
      const contact: CrisisContact = { label: (c.label as string).trim() };
      if (!blank(c.phone)) contact.phone = (c.phone as string).trim();
      if (!blank(c.sms)) contact.sms = (c.sms as string).trim();
      const url = safeUrl(blank(c.url) ? undefined : (c.url as string));
      if (url) contact.url = url;
      if (!blank(c.hours)) contact.hours = (c.hours as string).trim();
      if (contact.phone || contact.sms || contact.url) contacts.push(contact);
    }
  }
  if (contacts.length === 0) return null;
  return { text: typeof v.text === 'string' ? v.text.trim() : '', contacts };
}

/**
 * Shown only when neither the server nor this device has the practice's own contacts (a phone
 * offline that never loaded them). The same as a new practice's default: the emergency number.
 */
export function fallbackCrisis(locale: Locale = currentLocale()): Crisis {
  return {
    text: translate(locale, 'crisis.fallback.text'),
    contacts: [{ label: translate(locale, 'crisis.fallback.label'), phone: '112', hours: translate(locale, 'crisis.fallback.hours') }],
  };
}

/** The crisis text as paragraphs (the practice may write several). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** "within one working day." → "within one working day" (the sentence adds its own full stop). */
function cleanPromise(promise: string): string {
  return promise.trim().replace(/[.!\s]+$/, '');
}

/** What was sent to the practice: the answers to a questionnaire, a journal entry, or "it" (said again). */
export type ReviewSubject = 'answers' | 'entry' | 'it';

/**
 * "The practice will look at your answers within one working day." Null when the practice has no
 * promise to give (nothing is sent). The promise is the practice's own words, in its language.
 */
export function reviewPromiseSentence(
  promise: string | null | undefined,
  subject: ReviewSubject = 'answers',
  locale: Locale = currentLocale(),
): string | null {
  if (!promise || cleanPromise(promise) === '') return null;
  return translate(locale, 'crisis.reviewPromise', { subject, promise: cleanPromise(promise) });
}

/** Whether the practice's own crisis text already says Trove is not an emergency service, in any of its languages. */
function saysNotAnEmergencyService(text: string): boolean {
  return /not an emergency service|nie jest (służbą|usługą) ratunkow|kein(en)? Not(fall)?dienst/i.test(text);
}

/**
 * The honest sentences after the contacts: when the practice looks (if something was sent) and
 * that nobody watches in real time. Said once: when the practice's own text already says Trove
 * is not an emergency service, only the pointer to the numbers is added.
 */
export function honestyLines(
  crisisText: string,
  promise: string | null | undefined,
  subject: ReviewSubject = 'answers',
  locale: Locale = currentLocale(),
): string[] {
  const said = saysNotAnEmergencyService(crisisText);
  const sentence = reviewPromiseSentence(promise, subject, locale);
  if (sentence) return [sentence, translate(locale, said ? 'crisis.sooner' : 'crisis.notRealTime')];
  return said ? [] : [translate(locale, 'crisis.notEmergencyService')];
}

/** A contact's ways as words, for a screen reader's summary or a printout ("Call 112, text 0800 …"). */
export function contactWays(c: CrisisContact, locale: Locale = currentLocale()): string {
  const ways: string[] = [];
  if (c.phone) ways.push(translate(locale, 'crisis.way.call', { number: c.phone }));
  if (c.sms) ways.push(translate(locale, 'crisis.way.text', { number: c.sms }));
  if (c.url) ways.push(shortUrl(c.url));
  const text = ways.join(', ');
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
