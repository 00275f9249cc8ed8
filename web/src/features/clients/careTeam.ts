import type { Client, User } from '../../api/types';
import { t } from '../../shared/i18n';

/**
 * Describes the care team without names: the API gives therapists only ids of their
 * colleagues, and guessing names would be worse than saying how many there are.
 */
export function describeCareTeam(user: User, client: Client): string {
  const ids = client.therapist_ids;
  const includesMe = ids.includes(user.id);
  const others = ids.length - (includesMe ? 1 : 0);
  if (includesMe) return others === 0 ? t('clients.team.you') : t('clients.team.youAnd', { count: others });
  if (ids.length === 0) return t('clients.team.none');
  if (user.role === 'supervisor') {
    const supervised = ids.filter((id) => user.supervisee_ids.includes(id)).length;
    if (supervised > 0 && supervised === ids.length) return t('clients.team.supervised', { count: ids.length });
  }
  return t('clients.team.count', { count: ids.length });
}
