import type { Client, User } from '../../api/types';

/** Only the client's own therapists may change the record or invite the client; supervisors only read. */
export function canEditClient(user: User, client: Client): boolean {
  return user.role === 'therapist' && client.therapist_ids.includes(user.id);
}

/**
 * Describes the care team without names: the API gives therapists only ids of their
 * colleagues, and guessing names would be worse than saying how many there are.
 */
export function describeCareTeam(user: User, client: Client): string {
  const ids = client.therapist_ids;
  const includesMe = ids.includes(user.id);
  const others = ids.length - (includesMe ? 1 : 0);
  const otherText = (n: number) => `${n} ${n === 1 ? 'therapist' : 'therapists'}`;
  if (includesMe) return others === 0 ? 'You' : `You and ${otherText(others)}`;
  if (ids.length === 0) return 'No therapist assigned';
  if (user.role === 'supervisor') {
    const supervised = ids.filter((id) => user.supervisee_ids.includes(id)).length;
    if (supervised > 0 && supervised === ids.length) return `${otherText(ids.length)}, supervised by you`;
  }
  return otherText(ids.length);
}
