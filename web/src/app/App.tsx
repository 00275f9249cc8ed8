import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { keepMemoryFor } from '../shared/cache';
import { ApiError, messageOf } from '../api/errors';
import { TroveApi } from '../api/trove';
import type { Me } from '../api/types';
import { decide, homeFor, matchRoute, navigate, safeNext, useLocation } from '../shared/router';
import { Button } from '../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../shared/ui/Feedback';
import { deviceStore, keepOnlyFor } from '../shared/safety/offline';
import { isLocale, matchLocale, setLocale, setTimeZone, t as tNow, useLocale, useT, type Locale } from '../shared/i18n';
import { Header } from './Header';
import { Routes } from './Routes';
import { SetupRequiredPage } from '../features/account/SetupRequiredPage';
import { SessionContext, type SessionValue } from '../shared/session';

// Who was signed in last on this device, so that a client's portal opens on a train with no
// connection (the service worker serves the app; the outbox holds entries until the network is
// back). Only the account's role, names and ids: no clinical content, no CSRF token.
const LAST_ME_KEY = 'trove.lastMe';

function rememberMe(me: Me | null) {
  // The client's safety plan kept on this device belongs to them only: gone at sign-out, at the
  // end of the session, and when anyone else signs in here.
  keepOnlyFor(deviceStore(), me && me.user.role === 'client' ? me.user.id : null);
  // And what this tab keeps in memory (useCached) belongs to whoever is signed in now.
  keepMemoryFor(me ? me.user.id : null);
  try {
    if (me && me.user.role === 'client') localStorage.setItem(LAST_ME_KEY, JSON.stringify({ ...me, csrf_token: null }));
    else localStorage.removeItem(LAST_ME_KEY);
  } catch {
    // Private browsing or a full storage: the portal then simply needs a connection to open.
  }
}

function rememberedMe(): Me | null {
  try {
    const text = localStorage.getItem(LAST_ME_KEY);
    return text ? (JSON.parse(text) as Me) : null;
  } catch {
    return null;
  }
}

interface Flash {
  message: string;
  path: string;
}

/** Before anyone is known the browser's languages decide; once someone is, their own choice does. */
function browserLocale(): Locale {
  return matchLocale(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
}

/** Speaks the language of whoever is signed in (or the browser's, when nobody is). */
function followLocaleOf(me: Me | null) {
  const own = me?.user.locale;
  void setLocale(isLocale(own) ? own : browserLocale());
}

export function App() {
  // The whole tree renders again when the language changes.
  useLocale();
  const t = useT();
  const [me, setMeState] = useState<Me | null>(null);
  const setMe = useCallback((next: Me | null) => {
    followLocaleOf(next);
    setMeState(next);
  }, []);
  const [booting, setBooting] = useState(true);
  const [bootError, setBootError] = useState<string | null>(null);
  const [flash, setFlashState] = useState<Flash | null>(null);
  const signedInRef = useRef(false);

  // Set when a request is refused with 403 second_factor_setup_required (the admin has just made
  // two-step sign-in required): /me is read again, and it shows the set-up screen.
  const setupCheckRef = useRef<() => void>(() => undefined);

  const [api] = useState(
    () =>
      new TroveApi({
        onSecondFactorSetupRequired: () => setupCheckRef.current(),
        onUnauthenticated: () => {
          // Only a session that existed can "end"; a first visit simply shows the login page.
          if (!signedInRef.current) return;
          signedInRef.current = false;
          rememberMe(null);
          setMe(null);
          setFlashState({ message: tNow('app.sessionEnded'), path: '/login' });
        },
      }),
  );

  const boot = useCallback(async () => {
    followLocaleOf(null);
    setBooting(true);
    setBootError(null);
    try {
      const current = await api.me();
      signedInRef.current = true;
      rememberMe(current);
      setMe(current);
    } catch (err) {
      const offline = !(err instanceof ApiError) || err.status === 0;
      const last = offline ? rememberedMe() : null;
      if (last) {
        // No connection: open the portal for the client who was signed in here; the server
        // checks the session again as soon as it is reachable.
        signedInRef.current = true;
        setMe(last);
      } else if (!(err instanceof ApiError && err.status === 401)) setBootError(messageOf(err));
    } finally {
      setBooting(false);
    }
  }, [api]);

  useEffect(() => {
    void boot();
  }, [boot]);

  // Dates and times are shown in the practice's time zone once someone is signed in.
  const signedInId = me?.user.id ?? null;
  // Behind the set-up-required screen the settings answer 403; they are read once it is done.
  const setupPending = Boolean(me?.second_factor_setup_required);
  useEffect(() => {
    if (!signedInId) {
      setTimeZone(null);
      return;
    }
    if (setupPending) return;
    api.practiceTimeZone().then(setTimeZone, () => undefined);
  }, [api, signedInId, setupPending]);

  const refreshMe = useCallback(async () => {
    const current = await api.me();
    signedInRef.current = true;
    rememberMe(current);
    setMe(current);
    return current;
  }, [api, setMe]);

  setupCheckRef.current = () => {
    if (signedInRef.current && !me?.second_factor_setup_required) void refreshMe().catch(() => undefined);
  };

  // Back online after opening offline: fetch the session again (and with it the CSRF token).
  useEffect(() => {
    const refresh = () => {
      if (!signedInRef.current) return;
      api.me().then(
        (current) => {
          rememberMe(current);
          setMe(current);
        },
        () => undefined,
      );
    };
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, [api]);

  const location = useLocation();
  const match = matchRoute(location.pathname);
  const decision = decide(me?.user.role ?? null, match, location.search);

  useEffect(() => {
    if (!booting && !bootError && decision.kind === 'redirect') navigate(decision.to, { replace: true });
  }, [booting, bootError, decision.kind, decision.kind === 'redirect' ? decision.to : '']);

  // A flash belongs to one page; leaving that page dismisses it.
  useEffect(() => {
    if (flash && flash.path !== location.pathname) setFlashState(null);
  }, [location.pathname]);

  const session = useMemo<SessionValue>(
    () => ({
      api,
      me,
      signedIn: (next: Me, to: string | null) => {
        signedInRef.current = true;
        rememberMe(next);
        setMe(next);
        setFlashState(null);
        navigate(safeNext(to) ?? homeFor(next.user.role), { replace: true });
      },
      signOut: async () => {
        try {
          await api.logout();
        } catch {
          // The session is dropped locally either way; a failed logout must not trap anyone.
        }
        signedInRef.current = false;
        rememberMe(null);
        setMe(null);
        setFlashState({ message: tNow('app.signedOut'), path: '/login' });
        navigate('/login', { replace: true });
      },
      flash: (message: string, path: string) => setFlashState({ message, path }),
      changeLocale: async (locale: Locale) => {
        await api.updateMe({ locale });
        await setLocale(locale);
        setMeState((current) => {
          if (!current) return current;
          const next = { ...current, user: { ...current.user, locale } };
          rememberMe(next);
          return next;
        });
      },
      refreshMe,
    }),
    [api, me, refreshMe],
  );

  // The practice asks for a second factor and this person has none: only the set-up screen and
  // sign-out, whatever the address (which stays, so they land where they were going once done).
  const setupRequired = setupPending;

  let content;
  if (booting) content = <Loading label={t('app.opening')} />;
  else if (bootError)
    content = (
      <section class="page page--narrow">
        <h1 class="page__title">{t('app.unavailable.title')}</h1>
        <ErrorMessage message={bootError} />
        <Button onClick={() => void boot()}>{t('app.tryAgain')}</Button>
      </section>
    );
  else if (setupRequired) content = <SetupRequiredPage />;
  else if (decision.kind === 'redirect') content = <Loading label={t('app.loading')} />;
  else content = <Routes match={match} search={location.search} />;

  return (
    <SessionContext.Provider value={session}>
      <a class="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      {me ? (
        <Header
          me={me}
          pathname={location.pathname}
          onSignOut={session.signOut}
          onLocale={session.changeLocale}
          restricted={setupRequired}
        />
      ) : null}
      <main id="main" class={`main${me ? '' : ' main--public'}`} tabIndex={-1}>
        <Notice message={flash && flash.path === location.pathname ? flash.message : null} />
        {content}
      </main>
    </SessionContext.Provider>
  );
}
