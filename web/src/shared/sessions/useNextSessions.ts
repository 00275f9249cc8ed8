import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../session';
import { sessionsApiFor } from './api';
import type { Session } from './types';
import { localYmd, nextByClient } from './week';

/** For the caseload: each client's next session (nothing is shown when sessions cannot be loaded). */
export function useNextSessions(): Map<string, Session> {
  const { api } = useSession();
  const [next, setNext] = useState<Map<string, Session>>(new Map());
  useEffect(() => {
    sessionsApiFor(api)
      .listSessions({ from: localYmd(new Date()), limit: 500 })
      .then((r) => setNext(nextByClient(r.items, Date.now())))
      .catch(() => undefined);
  }, []);
  return next;
}
