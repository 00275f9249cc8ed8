import { describe, expect, it } from 'vitest';
import type { RiskAlert } from '../../api/types';
import {
  actionOptions,
  ackProblems,
  alertMessage,
  actionLabel,
  agoText,
  alertKindLabel,
  alertSourceText,
  alertStatusText,
  escalationsSentence,
  isEscalated,
  reviewedText,
  sortAlerts,
} from './alerts';

const NOW = Date.parse('2026-12-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const H = 3_600_000;
const D = 24 * H;
const fmt = (iso: string) => `<${iso.slice(0, 10)}>`;

function alert(o: Partial<RiskAlert> = {}): RiskAlert {
  return {
    id: 'a1',
    kind: 'critical_item',
    client_id: 'c1',
    response_id: 'r1',
    instrument: 'phq9',
    item: '9',
    value: 1,
    message: 'Item 9 answered above 0',
    created_at: ago(2 * H),
    status: 'open',
    acknowledged: null,
    escalated_at: null,
    ...o,
  };
}

describe('agoText', () => {
  it('rounds down and moves from minutes to months', () => {
    expect(agoText(ago(20_000), NOW)).toBe('just now');
    expect(agoText(ago(60_000), NOW)).toBe('1 minute ago');
    expect(agoText(ago(59 * 60_000), NOW)).toBe('59 minutes ago');
    expect(agoText(ago(H), NOW)).toBe('1 hour ago');
    expect(agoText(ago(23.9 * H), NOW)).toBe('23 hours ago');
    expect(agoText(ago(D), NOW)).toBe('1 day ago');
    expect(agoText(ago(7 * D + 5 * H), NOW)).toBe('7 days ago');
    expect(agoText(ago(13 * D), NOW)).toBe('13 days ago');
    expect(agoText(ago(14 * D), NOW)).toBe('2 weeks ago');
    expect(agoText(ago(62 * D), NOW)).toBe('8 weeks ago');
    expect(agoText(ago(70 * D), NOW)).toBe('2 months ago');
  });

  it('reads a time slightly in the future as just now and an unreadable one honestly', () => {
    expect(agoText(new Date(NOW + 30_000).toISOString(), NOW)).toBe('just now');
    expect(agoText('not a date', NOW)).toBe('at an unknown time');
  });
});

describe('alertStatusText', () => {
  const therapist = { id: 'u1', role: 'therapist' };
  const supervisor = { id: 's1', role: 'supervisor' };

  it('tells an old open alert its true age and never asks for a review today', () => {
    const text = alertStatusText(alert({ created_at: ago(7 * D + H) }), therapist, NOW, fmt);
    expect(text).toBe('Reported 7 days ago, not yet reviewed');
    expect(text).not.toMatch(/today/i);
  });

  it('marks an escalated alert, for a supervisor as escalated to them', () => {
    const a = alert({ created_at: ago(3 * D), escalated_at: ago(2 * D) });
    expect(alertStatusText(a, supervisor, NOW, fmt)).toBe('Reported 3 days ago, not yet reviewed · escalated to you 2 days ago');
    expect(alertStatusText(a, therapist, NOW, fmt)).toBe(
      'Reported 3 days ago, not yet reviewed · escalated 2 days ago: your supervisors see it too',
    );
  });

  it('says who reviewed it, when and what was done', () => {
    const a = alert({
      status: 'acknowledged',
      acknowledged: { by: 'u2', by_name: 'Anna Berg', at: '2026-12-09T10:00:00Z', action: 'contacted_client' },
    });
    expect(alertStatusText(a, therapist, NOW, fmt)).toBe('Reviewed by Anna Berg, <2026-12-09>: Contacted the client');
    expect(alertStatusText(a, { id: 'u2', role: 'therapist' }, NOW, fmt)).toBe('Reviewed by you, <2026-12-09>: Contacted the client');
  });

  it('explains that a reliable deterioration stays while the scores show it', () => {
    expect(alertStatusText(alert({ kind: 'reliable_deterioration', created_at: ago(3 * D) }), therapist, NOW, fmt)).toBe(
      'Seen in the result of 3 days ago; it stays while the scores show it',
    );
  });
});

describe('sortAlerts', () => {
  it('puts escalated first (longest waiting first), then open newest first, then deteriorations, then reviewed', () => {
    const list = [
      alert({ id: 'reviewed', status: 'acknowledged', acknowledged: { by: 'u', by_name: 'A', at: ago(H), action: 'no_action_needed' } }),
      alert({ id: 'det', kind: 'reliable_deterioration', created_at: ago(H) }),
      alert({ id: 'open-old', created_at: ago(10 * H) }),
      alert({ id: 'esc-new', created_at: ago(30 * H), escalated_at: ago(6 * H) }),
      alert({ id: 'open-new', kind: 'low_mood', created_at: ago(H) }),
      alert({ id: 'esc-old', created_at: ago(3 * D), escalated_at: ago(2 * D) }),
    ];
    expect(sortAlerts(list).map((a) => a.id)).toEqual(['esc-old', 'esc-new', 'open-new', 'open-old', 'det', 'reviewed']);
  });

  it('does not count an acknowledged alert as escalated', () => {
    expect(isEscalated(alert({ escalated_at: ago(H), status: 'acknowledged' }))).toBe(false);
    expect(isEscalated(alert({ escalated_at: ago(H) }))).toBe(true);
  });
});

describe('labels', () => {
  it('names each kind and action in plain words', () => {
    expect(alertKindLabel('critical_item')).toBe('Critical questionnaire answer');
    expect(alertKindLabel('low_mood')).toBe('Very low mood in a shared journal entry');
    expect(alertKindLabel('reliable_deterioration')).toBe('Reliable deterioration');
    expect(actionOptions().map((o) => o.label)).toEqual([
      'Contacted the client',
      'Reviewed the safety plan together',
      'Discussed in session',
      'Emergency services involved',
      'No action needed',
    ]);
    expect(actionLabel('')).toBeNull();
    expect(reviewedText({ by: 'x', by_name: 'Ben', at: '2026-12-01T00:00:00Z', action: '' }, null, fmt)).toBe('Reviewed by Ben, <2026-12-01>');
  });

  it('names the source of a signal', () => {
    const name = (id: string) => id.toUpperCase();
    expect(alertSourceText(alert(), name)).toBe('PHQ9, question 9');
    expect(alertSourceText(alert({ kind: 'low_mood', instrument: null, item: null, value: 1 }), name)).toBe('mood 1 of 10');
    expect(alertSourceText(alert({ kind: 'reliable_deterioration', item: null }), name)).toBe('PHQ9');
  });
});

describe('alertMessage', () => {
  it('drops a request to review today, keeps what was reported', () => {
    expect(alertMessage('Thoughts of death or self-harm (item 9) were reported. Please review today.')).toBe(
      'Thoughts of death or self-harm (item 9) were reported.',
    );
    expect(alertMessage('A very low mood (1 of 10) in a shared journal entry.')).toBe('A very low mood (1 of 10) in a shared journal entry.');
  });

  it('names the question when the alert does not name its questionnaire', () => {
    expect(alertSourceText(alert({ instrument: null }), (id) => id)).toBe('question 9');
  });
});

describe('ackProblems', () => {
  it('requires an action and bounds the note', () => {
    expect(ackProblems('', '')).toEqual({ action: 'Choose what was done.' });
    expect(ackProblems('contacted_client', '')).toEqual({});
    expect(ackProblems('contacted_client', 'x'.repeat(2001)).note).toMatch(/2000/);
  });
});

describe('escalationsSentence', () => {
  it('is calm and has no names', () => {
    expect(escalationsSentence(0, 24)).toBe('No alert has been waiting longer than the practice’s 24 hours.');
    expect(escalationsSentence(1, 24)).toMatch(/^1 alert has been waiting longer than the practice’s 24 hours without a review\./);
    expect(escalationsSentence(3, null)).toMatch(/^3 alerts have been waiting longer than the practice’s escalation time/);
  });
});
