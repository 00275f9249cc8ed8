import { describe, expect, it } from 'vitest';
import type { MapResource } from '../../api/types';
import { describeNode } from './ResourceMap';
import { describeTrend } from './Sparkline';

function mapResource(overrides: Partial<MapResource> = {}): MapResource {
  return {
    id: 'r1',
    client_id: 'c1',
    case_id: null,
    title: 'Walks with the dog',
    description: '',
    category: 'body',
    source: 'client',
    strength_code: null,
    stabilising: false,
    evidence: '',
    visible_to_client: true,
    status: 'active',
    created_by_role: 'therapist',
    latest_rating: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    rating: null,
    trend: [],
    ...overrides,
  };
}

describe('describeNode', () => {
  it('reads out a node as a sentence: title, kind, ratings and markers', () => {
    const r = mapResource({ stabilising: true, rating: { availability: 7, activation: 5, rated_at: 'x', rated_by_role: 'client' } });
    expect(describeNode(r)).toBe('Walks with the dog. Body & health. availability 7 of 10, activation 5 of 10. stabilising');
  });
  it('says when a resource is unrated or proposed, in the reader’s words', () => {
    const r = mapResource({ status: 'proposed' });
    expect(describeNode(r)).toBe('Walks with the dog. Body & health. not rated yet. proposed by the client, waiting for confirmation');
    expect(describeNode(r, 'client')).toMatch(/added by you/);
  });
});

describe('describeTrend', () => {
  it('summarises a sparkline for screen readers', () => {
    expect(describeTrend('Availability', [])).toBe('Availability: no ratings yet');
    expect(describeTrend('Availability', [4])).toBe('Availability: 4 of 10 (one rating)');
    expect(describeTrend('Availability', [3, 5, 8])).toBe('Availability: from 3 to 8 of 10 over 3 ratings');
  });
});
