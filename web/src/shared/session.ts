import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TroveApi } from '../api/trove';
import type { Me } from '../api/types';
import type { Locale } from './i18n';

export interface SessionValue {
  api: TroveApi;
  me: Me | null;
  /** After login: store who signed in and go to `next` (or their home). */
  signedIn: (me: Me, next: string | null) => void;
  signOut: () => Promise<void>;
  /** A one-off message shown at the top of the page at `path` (e.g. "Saved."). */
  flash: (message: string, path: string) => void;
  /** Saves the signed-in person's language on their account and switches to it at once. */
  changeLocale: (locale: Locale) => Promise<void>;
  /** Reads /me again (after two-step sign-in was turned on or off) and shows what it says. */
  refreshMe: () => Promise<Me>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionContext.Provider>');
  return value;
}

/** For pages that only render when signed in (the router guarantees it). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe on a page reachable without signing in');
  return me;
}
