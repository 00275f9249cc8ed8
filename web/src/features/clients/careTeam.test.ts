import { describe, expect, it } from 'vitest';
import { describeCareTeam } from './careTeam';
import { client, user } from '../../test/fixtures';

describe('describeCareTeam', () => {
  it('speaks from the reader’s point of view', () => {
    expect(describeCareTeam(user({ id: 'u1' }), client({ therapist_ids: ['u1'] }))).toBe('You');
    expect(describeCareTeam(user({ id: 'u1' }), client({ therapist_ids: ['u1', 'u2'] }))).toBe('You and 1 therapist');
    expect(describeCareTeam(user({ id: 'u1' }), client({ therapist_ids: ['u1', 'u2', 'u3'] }))).toBe('You and 2 therapists');
    expect(
      describeCareTeam(user({ id: 's', role: 'supervisor', supervisee_ids: ['u1'] }), client({ therapist_ids: ['u1'] })),
    ).toBe('1 therapist, supervised by you');
    expect(describeCareTeam(user({ id: 'x' }), client({ therapist_ids: [] }))).toBe('No therapist assigned');
  });
});
