import { useState } from 'preact/hooks';
import type { Me } from '../api/types';
import { messageOf } from '../api/errors';
import { roleLabel } from '../shared/format';
import { LANGUAGE_NAMES, LOCALES, isLocale, useLocale, useT, type Locale, type MessageKey } from '../shared/i18n';
import { Link } from '../shared/ui/Link';
import { Button } from '../shared/ui/Button';

interface NavItem {
  href: string;
  label: MessageKey;
}

function navFor(me: Me): NavItem[] {
  switch (me.user.role) {
    case 'therapist':
      return [
        { href: '/clients', label: 'nav.caseload' },
        { href: '/schedule', label: 'nav.schedule' },
        { href: '/cases', label: 'nav.cases' },
        { href: '/exercises', label: 'nav.exercises' },
      ];
    case 'supervisor':
      return [
        { href: '/clients', label: 'nav.supervisedCaseloads' },
        { href: '/schedule', label: 'nav.schedule' },
        { href: '/cases', label: 'nav.cases' },
        { href: '/exercises', label: 'nav.exercises' },
      ];
    case 'admin':
      return [
        { href: '/admin/users', label: 'nav.users' },
        { href: '/admin/audit', label: 'nav.audit' },
        { href: '/admin/instruments', label: 'nav.instruments' },
        { href: '/admin/journal', label: 'nav.journal' },
        { href: '/admin/safety', label: 'nav.safety' },
      ];
    case 'client':
      return [
        { href: '/portal', label: 'nav.mySpace' },
        { href: '/portal/journal', label: 'nav.journal' },
        { href: '/portal/safety-plan', label: 'nav.safetyPlan' },
        // Personal mode has no administrator: the person chooses their questionnaires themselves.
        ...(me.practice.personal ? [{ href: '/portal/instruments', label: 'nav.questionnaires' } satisfies NavItem] : []),
      ];
  }
}

/** The nav item for a path: the longest one it lies under, so /portal/safety-plan is not also "My space". */
export function currentNav(items: readonly { href: string }[], pathname: string): string | null {
  const under = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  under.sort((a, b) => b.href.length - a.href.length);
  return under[0]?.href ?? null;
}

/**
 * The language switch in the account area, for every role: saved on the account (PATCH /me) and
 * applied at once. Each language is named in itself and marked with its own `lang`.
 */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="language">
      <label class="language__label" for="language-switch">
        {t('header.language')}
      </label>
      <select
        id="language-switch"
        class="language__select"
        value={locale}
        disabled={busy}
        aria-describedby={error ? 'language-error' : undefined}
        onChange={async (e) => {
          const next = (e.currentTarget as HTMLSelectElement).value;
          if (!isLocale(next) || next === locale) return;
          setBusy(true);
          setError(null);
          try {
            await onChange(next);
          } catch (err) {
            setError(`${t('header.languageFailed')} ${messageOf(err)}`);
          } finally {
            setBusy(false);
          }
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <span class="live" aria-live="polite">
        {error ? (
          <span id="language-error" class="language__error">
            {error}
          </span>
        ) : null}
      </span>
    </div>
  );
}

export function Header({
  me,
  pathname,
  onSignOut,
  onLocale,
  restricted = false,
}: {
  me: Me;
  pathname: string;
  onSignOut: () => Promise<void>;
  onLocale: (locale: Locale) => Promise<void>;
  /** Two-step sign-in must be set up first: no navigation, only who is signed in, the language and sign-out. */
  restricted?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const nav = restricted ? [] : navFor(me);
  const current = currentNav(nav, pathname);
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <div class="brand">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__text">
            <span class="brand__practice">{me.practice.name}</span>
            <span class="brand__product">Trove</span>
          </span>
        </div>
        {restricted ? null : (
          <nav class="site-nav" aria-label={t('nav.label')}>
            <ul>
              {nav.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    class="site-nav__link"
                    current={item.href === current}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <p class="account">
          <span class="account__name">{me.user.name}</span>
          <span class="account__role">
            {roleLabel(me.user.role, locale)}
            {restricted ? null : (
              <>
                {' · '}
                <Link href="/account" class="account__link" current={pathname === '/account'}>
                  {t('account.menuLink')}
                </Link>
              </>
            )}
          </span>
        </p>
        <LanguageSwitch onChange={onLocale} />
        <div class="logout">
          <Button
            variant="quiet"
            small
            busy={busy}
            busyLabel={t('header.signingOut')}
            onClick={async () => {
              setBusy(true);
              try {
                await onSignOut();
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('header.logOut')}
          </Button>
        </div>
      </div>
    </header>
  );
}
