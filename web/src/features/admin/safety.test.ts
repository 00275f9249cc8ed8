import { describe, expect, it } from 'vitest';
import { crisisValues, emptyContact, handoverSentence, validateCrisis, validateSettings } from './safety';

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
  });

  it('needs at least one phone number and at most twelve contacts', () => {
    const noPhone = validateCrisis({ ...good(), contacts: [{ ...emptyContact(), label: 'Chat', url: 'https://x.org' }] });
    expect(noPhone.ok === false && noPhone.errors.contacts).toBe('At least one crisis contact needs a phone number a person can call.');
    const none = validateCrisis({ ...good(), contacts: [] });
    expect(none.ok === false && none.errors.contacts).toMatch(/at least one/);
    const many = validateCrisis({ ...good(), contacts: Array.from({ length: 13 }, () => ({ ...emptyContact(), label: 'X', phone: '1' })) });
    expect(many.ok === false && many.errors.contacts).toMatch(/at most 12/);
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
    expect(r.ok === false && r.errors.review_promise).toMatch(/within one working day/);
    expect(r.ok === false && r.errors.alert_escalation_hours).toBe('Enter a whole number of hours from 1 to 168 (one week).');
    for (const h of ['169', '2.5', '', 'ten']) expect(validateSettings({ review_promise: 'soon enough', alert_escalation_hours: h }).ok).toBe(false);
    expect(validateSettings({ review_promise: 'one\ntwo', alert_escalation_hours: '24' }).ok).toBe(false);
  });
});

describe('handoverSentence', () => {
  it('counts what is handed over and leaves out zeros', () => {
    expect(handoverSentence('Anna', { clients: 8, cases: 1, open_alerts: 1 })).toBe(
      'Anna has 8 clients, 1 case and 1 open alert. Choose who takes them over.',
    );
    expect(handoverSentence('Ben', { clients: 1, cases: 0, open_alerts: 0 })).toBe('Ben has 1 client. Choose who takes them over.');
    expect(handoverSentence('Ben', { clients: 2, open_alerts: 3 })).toBe('Ben has 2 clients and 3 open alerts. Choose who takes them over.');
    expect(handoverSentence('Ben', {})).toBe('Ben still has work in their care. Choose who takes it over.');
  });
});
