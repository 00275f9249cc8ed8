import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, setLocale, translate } from '../../shared/i18n';
import { crisisValues, emptyContact, validateCrisis, validateSettings, type CrisisValues } from './safety';

const good = () => crisisValues({ text: 'If you are in danger, call 112 now.', contacts: [{ label: 'Emergency services', phone: '112' }] });

describe('validateCrisis', () => {
  it('accepts a calm text and a phone number, leaving empty parts out', () => {
    const r = validateCrisis({ ...good(), contacts: [...good().contacts, { ...emptyContact(), label: ' Online chat ', url: 'https://example.org/chat' }] });
    expect(r).toEqual({
      ok: true,
      value: {
        text: 'If you are in danger, call 112 now.',
        contacts: [
          { label: 'Emergency services', phone: '112' },
          { label: 'Online chat', url: 'https://example.org/chat' },
        ],
      },
    });
  });

  it('names each problem by the API’s field name', () => {
    const r = validateCrisis({
      text: '  ',
      contacts: [
        { ...emptyContact(), phone: '0800 abc' },
        { ...emptyContact(), label: 'Chat', url: 'example.org' },
        { ...emptyContact(), label: 'Nobody' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.text).toBe('Write a few calm words for a person in crisis.');
    expect(r.errors['contacts[0].label']).toMatch(/name/);
    expect(r.errors['contacts[0].phone']).toBe('A phone number has digits, spaces and + - / ( ).');
    expect(r.errors['contacts[1].url']).toBe('A web address starts with https://.');
    expect(r.errors['contacts[2].phone']).toBe('Give a phone number, an SMS number or a web address.');
    expect(r.errors['contacts[0].label']).toBe('Give the contact a name, e.g. “TelefonSeelsorge”.');
  });

  it('keeps each part short and on one line, and says by how much the text is too long', () => {
    const r = validateCrisis({
      text: 'x'.repeat(2345),
      contacts: [
        { ...emptyContact(), label: 'L'.repeat(101), phone: '112', sms: 'abc', hours: 'h'.repeat(101) },
        { ...emptyContact(), label: 'Two\nlines', phone: '116 123' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      text: 'Keep the text to 2000 characters or fewer (now 2345).',
      'contacts[0].label': 'Keep the name to 100 characters or fewer.',
      'contacts[0].sms': 'An SMS number has digits, spaces and + - / ( ).',
      'contacts[0].hours': 'Keep the hours to 100 characters or fewer.',
      'contacts[1].label': 'This fits on one line.',
    });
  });

  it('needs at least one phone number and at most twelve contacts', () => {
    const noPhone = validateCrisis({ ...good(), contacts: [{ ...emptyContact(), label: 'Chat', url: 'https://x.org' }] });
    expect(noPhone.ok === false && noPhone.errors.contacts).toBe('At least one crisis contact needs a phone number a person can call.');
    const none = validateCrisis({ ...good(), contacts: [] });
    expect(none.ok === false && none.errors.contacts).toBe('Add at least one crisis contact with a phone number.');
    const many = validateCrisis({ ...good(), contacts: Array.from({ length: 13 }, () => ({ ...emptyContact(), label: 'X', phone: '1' })) });
    expect(many.ok === false && many.errors.contacts).toBe('List at most 12 crisis contacts.');
  });
});

describe('validateSettings', () => {
  it('accepts a one-line promise and 1 to 168 hours', () => {
    expect(validateSettings({ review_promise: ' within one working day ', alert_escalation_hours: '24' })).toEqual({
      ok: true,
      value: { review_promise: 'within one working day', alert_escalation_hours: 24 },
    });
    expect(validateSettings({ review_promise: 'abc', alert_escalation_hours: '168' }).ok).toBe(true);
  });

  it('explains what is wrong', () => {
    const r = validateSettings({ review_promise: 'x', alert_escalation_hours: '0' });
    expect(r.ok === false && r.errors.review_promise).toBe('Say when the practice looks at what a client reports, e.g. “within one working day”.');
    expect(r.ok === false && r.errors.alert_escalation_hours).toBe('Enter a whole number of hours from 1 to 168 (one week).');
    for (const h of ['169', '2.5', '', 'ten']) expect(validateSettings({ review_promise: 'soon enough', alert_escalation_hours: h }).ok).toBe(false);
    const twoLines = validateSettings({ review_promise: 'one\ntwo', alert_escalation_hours: '24' });
    expect(twoLines.ok === false && twoLines.errors.review_promise).toBe('The promise fits on one line.');
    const long = validateSettings({ review_promise: 'p'.repeat(201), alert_escalation_hours: '24' });
    expect(long.ok === false && long.errors.review_promise).toBe('Keep the promise to 200 characters or fewer.');
  });
});

// The admin reads these in their own language; the crisis text they write is later read by clients
// in distress. Every message comes from the catalogue, in the current locale, and none is a key.
describe('the checks in Polish and German', () => {
  const everyProblem = (): CrisisValues => ({
    text: '',
    contacts: [
      { ...emptyContact(), phone: '0800 abc', sms: 'x', url: 'example.org', hours: 'h'.repeat(101) },
      { ...emptyContact(), label: 'L'.repeat(101) },
      { ...emptyContact(), label: 'a\tb', url: 'https://example.org' },
    ],
  });

  beforeAll(async () => {
    await loadCatalogue('pl');
    await loadCatalogue('de');
  });
  afterAll(async () => {
    await setLocale('en');
  });

  it('names each problem in Polish', async () => {
    await setLocale('pl');
    const r = validateCrisis(everyProblem());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      text: 'Napisz kilka spokojnych słów dla osoby w kryzysie.',
      'contacts[0].label': 'Nadaj kontaktowi nazwę, np. „Telefon zaufania”.',
      'contacts[0].phone': 'Numer telefonu składa się z cyfr, spacji i znaków + - / ( ).',
      'contacts[0].sms': 'Numer SMS składa się z cyfr, spacji i znaków + - / ( ).',
      'contacts[0].url': 'Adres strony zaczyna się od https://.',
      'contacts[0].hours': 'Skróć opis dostępności do 100 znaków.',
      'contacts[1].label': 'Skróć nazwę do 100 znaków.',
      'contacts[1].phone': 'Podaj numer telefonu, numer SMS lub adres strony.',
      'contacts[2].label': 'Wpisz to w jednym wierszu.',
    });
    const noPhone = validateCrisis({ text: 'Zadzwoń pod 112.', contacts: [{ ...emptyContact(), label: 'Czat', url: 'https://x.org' }] });
    expect(noPhone.ok === false && noPhone.errors.contacts).toBe(
      'Co najmniej jeden kontakt kryzysowy musi mieć numer telefonu, pod który można zadzwonić.',
    );
    const long = validateCrisis({ ...crisisValues({ text: 'x'.repeat(2001), contacts: [] }) });
    expect(long.ok === false && long.errors).toEqual({
      text: 'Skróć tekst do 2000 znaków (teraz ma 2001).',
      contacts: 'Dodaj co najmniej jeden kontakt kryzysowy z numerem telefonu.',
    });
    const many = validateCrisis({ text: 'Zadzwoń pod 112.', contacts: Array.from({ length: 13 }, () => ({ ...emptyContact(), label: 'X', phone: '1' })) });
    expect(many.ok === false && many.errors.contacts).toBe('Podaj najwyżej 12 kontaktów kryzysowych.');
    const settings = validateSettings({ review_promise: 'x', alert_escalation_hours: '0' });
    expect(settings.ok === false && settings.errors).toEqual({
      review_promise: 'Napisz, kiedy praktyka przegląda to, co zgłasza klient, np. „w ciągu jednego dnia roboczego”.',
      alert_escalation_hours: 'Wpisz liczbę pełnych godzin od 1 do 168 (czyli najwyżej tydzień).',
    });
  });

  it('counts contacts with Polish plurals (one, few, many)', () => {
    expect([1, 2, 5, 12, 22].map((max) => translate('pl', 'admin.safety.check.contactsMany', { max }))).toEqual([
      'Podaj najwyżej 1 kontakt kryzysowy.',
      'Podaj najwyżej 2 kontakty kryzysowe.',
      'Podaj najwyżej 5 kontaktów kryzysowych.',
      'Podaj najwyżej 12 kontaktów kryzysowych.',
      'Podaj najwyżej 22 kontakty kryzysowe.',
    ]);
  });

  it('names each problem in German, addressing the admin as "Sie"', async () => {
    await setLocale('de');
    const r = validateCrisis(everyProblem());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      text: 'Schreiben Sie ein paar ruhige Worte für eine Person in einer Krise.',
      'contacts[0].label': 'Geben Sie dem Kontakt einen Namen, z. B. „TelefonSeelsorge“.',
      'contacts[0].phone': 'Eine Telefonnummer besteht aus Ziffern, Leerzeichen und + - / ( ).',
      'contacts[0].sms': 'Eine SMS-Nummer besteht aus Ziffern, Leerzeichen und + - / ( ).',
      'contacts[0].url': 'Eine Webadresse beginnt mit https://.',
      'contacts[0].hours': 'Kürzen Sie die Erreichbarkeit auf höchstens 100 Zeichen.',
      'contacts[1].label': 'Kürzen Sie den Namen auf höchstens 100 Zeichen.',
      'contacts[1].phone': 'Geben Sie eine Telefonnummer, eine SMS-Nummer oder eine Webadresse an.',
      'contacts[2].label': 'Bitte schreiben Sie das in eine Zeile.',
    });
    const many = validateCrisis({ text: 'Rufen Sie 112 an.', contacts: Array.from({ length: 13 }, () => ({ ...emptyContact(), label: 'X', phone: '1' })) });
    expect(many.ok === false && many.errors.contacts).toBe('Geben Sie höchstens 12 Krisenkontakte an.');
    const long = validateCrisis({ text: 'x'.repeat(2345), contacts: [{ ...emptyContact(), label: 'Chat', url: 'https://x.org' }] });
    expect(long.ok === false && long.errors).toEqual({
      text: 'Kürzen Sie den Text auf höchstens 2000 Zeichen (jetzt 2345).',
      contacts: 'Mindestens ein Krisenkontakt braucht eine Telefonnummer, die man anrufen kann.',
    });
    const settings = validateSettings({ review_promise: 'eins\nzwei', alert_escalation_hours: '169' });
    expect(settings.ok === false && settings.errors).toEqual({
      review_promise: 'Bitte schreiben Sie die Zusage in eine Zeile.',
      alert_escalation_hours: 'Geben Sie eine ganze Zahl von 1 bis 168 Stunden ein (höchstens eine Woche).',
    });
    const short = validateSettings({ review_promise: 'ab', alert_escalation_hours: '24' });
    expect(short.ok === false && short.errors.review_promise).toBe(
      'Schreiben Sie, wann die Praxis sich ansieht, was eine Klient:in meldet, z. B. „innerhalb eines Werktags“.',
    );
    const tooLong = validateSettings({ review_promise: 'p'.repeat(201), alert_escalation_hours: '24' });
    expect(tooLong.ok === false && tooLong.errors.review_promise).toBe('Kürzen Sie die Zusage auf höchstens 200 Zeichen.');
  });
});
