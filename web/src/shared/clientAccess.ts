import type { Client, User } from '../api/types';

/** Only the client's own therapists may change the record or invite the client; supervisors only read. */
export function canEditClient(user: User, client: Client): boolean {
  return user.role === 'therapist' && client.therapist_ids.includes(user.id);
}
