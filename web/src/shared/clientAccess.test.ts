import { describe, expect, it } from 'vitest';
import { canEditClient } from './clientAccess';
import { client, user } from '../test/fixtures';

describe('canEditClient', () => {
  it('allows only therapists in the care team', () => {
    expect(canEditClient(user({ id: 'u1' }), client({ therapist_ids: ['u1'] }))).toBe(true);
    expect(canEditClient(user({ id: 'u2' }), client({ therapist_ids: ['u1'] }))).toBe(false);
    expect(canEditClient(user({ id: 'u1', role: 'supervisor' }), client({ therapist_ids: ['u1'] }))).toBe(false);
  });
});
