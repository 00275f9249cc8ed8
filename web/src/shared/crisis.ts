import type { Crisis, CrisisContact } from '../api/types';

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
export const FALLBACK_CRISIS: Crisis = {
  text: 'If you are in danger or feel you cannot keep yourself safe, call the emergency number now. You do not have to wait for your next appointment.',
  contacts: [{ label: 'Emergency services', phone: '112', hours: '24 hours, every day' }],
};

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

/**
 * "The practice will look at your answers within one working day." `subject` is what was sent:
 * "your answers", "this entry". Null when the practice has no promise to give (nothing is sent).
 */
export function reviewPromiseSentence(promise: string | null | undefined, subject = 'your answers'): string | null {
  if (!promise || cleanPromise(promise) === '') return null;
  return `The practice will look at ${subject} ${cleanPromise(promise)}.`;
}

/** Said beside every review promise: Trove is read by people at work, not watched around the clock. */
export const NOT_REAL_TIME =
  'Trove is not an emergency service and nobody watches it in real time, so if you need someone sooner, please use one of the numbers above.';

/** Said where nothing is sent (a safety plan): Trove is not an emergency service. */
export const NOT_AN_EMERGENCY_SERVICE =
  'Trove is not an emergency service and nobody watches it in real time. If you need someone now, please call one of these numbers.';

/**
 * The honest sentences after the contacts: when the practice looks (if something was sent) and
 * that nobody watches in real time. Said once: when the practice's own text already says Trove
 * is not an emergency service, only the pointer to the numbers is added.
 */
export function honestyLines(crisisText: string, promise: string | null | undefined, subject = 'your answers'): string[] {
  const said = /not an emergency service/i.test(crisisText);
  const sentence = reviewPromiseSentence(promise, subject);
  if (sentence) return [sentence, said ? 'If you need someone sooner, please use one of the numbers above.' : NOT_REAL_TIME];
  return said ? [] : [NOT_AN_EMERGENCY_SERVICE];
}

/** A contact's ways as words, for a screen reader's summary or a printout ("Call 112, text 0800 …"). */
export function contactWays(c: CrisisContact): string {
  const ways: string[] = [];
  if (c.phone) ways.push(`call ${c.phone}`);
  if (c.sms) ways.push(`text ${c.sms}`);
  if (c.url) ways.push(shortUrl(c.url));
  const text = ways.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
