import { useMemo } from 'preact/hooks';
import type { Case, Client } from '../../api/types';
import { useSession } from '../../shared/session';
import { t } from '../../shared/i18n';
import { useCached } from '../../shared/useCached';
import type { Session } from '../../shared/sessions/types';

export interface Directory {
  clients: Map<string, Client>;
  cases: Map<string, Case>;
  /** Both lists have answered (or failed: names then fall back to neutral words). */
  ready: boolean;
  error: string | null;
}

/**
 * The names behind the ids on sessions: the clients and cases the signed-in person may see.
 * Kept in this tab's memory, so moving between weeks and sessions does not ask again.
 */
export function useDirectory(): Directory {
  const { api } = useSession();
  const clients = useCached('sessions:clients', () => api.listAllClients());
  const cases = useCached('sessions:cases', () => api.listCases().then((r) => r.items));
  return useMemo(
    () => ({
      clients: new Map((clients.value ?? []).map((c) => [c.id, c])),
      cases: new Map((cases.value ?? []).map((c) => [c.id, c])),
      ready: (clients.value !== undefined || clients.error !== null) && (cases.value !== undefined || cases.error !== null),
      error: clients.error ?? cases.error,
    }),
    [clients.value, clients.error, cases.value, cases.error],
  );
}

/** Who a session is with, as a name. */
export function withName(s: Pick<Session, 'client_id' | 'case_id'>, dir: Directory): string {
  if (s.client_id) return dir.clients.get(s.client_id)?.display_name ?? t('sessions.with.client');
  if (s.case_id) return dir.cases.get(s.case_id)?.name ?? t('sessions.with.case');
  return t('sessions.with.nobody');
}

/** The members of a case session: those recorded on it, else the case's members. */
export function memberIds(s: Pick<Session, 'case_id' | 'attendance'>, dir: Directory): string[] {
  if (s.attendance.length) return s.attendance.map((a) => a.client_id);
  return s.case_id ? (dir.cases.get(s.case_id)?.member_ids ?? []) : [];
}
