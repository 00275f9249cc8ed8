import { useState } from 'preact/hooks';
import type { Me } from '../api/types';
import { roleLabel } from '../shared/format';
import { Link } from '../shared/ui/Link';
import { Button } from '../shared/ui/Button';

interface NavItem {
  href: string;
  label: string;
}

function navFor(me: Me): NavItem[] {
  switch (me.user.role) {
    case 'therapist':
      return [
        { href: '/clients', label: 'Caseload' },
        { href: '/schedule', label: 'Schedule' },
        { href: '/cases', label: 'Cases' },
        { href: '/exercises', label: 'Exercises' },
      ];
    case 'supervisor':
      return [
        { href: '/clients', label: 'Supervised caseloads' },
        { href: '/schedule', label: 'Schedule' },
        { href: '/cases', label: 'Cases' },
        { href: '/exercises', label: 'Exercises' },
      ];
    case 'admin':
      return [
        { href: '/admin/users', label: 'Users' },
        { href: '/admin/audit', label: 'Audit log' },
        { href: '/admin/instruments', label: 'Instruments' },
        { href: '/admin/journal', label: 'Journal' },
        { href: '/admin/safety', label: 'Safety' },
      ];
    case 'client':
      return [
        { href: '/portal', label: 'My space' },
        { href: '/portal/journal', label: 'Journal' },
        { href: '/portal/safety-plan', label: 'Safety plan' },
        // Personal mode has no administrator: the person chooses their questionnaires themselves.
        ...(me.practice.personal ? [{ href: '/portal/instruments', label: 'Questionnaires' }] : []),
      ];
  }
}

/** The nav item for a path: the longest one it lies under, so /portal/safety-plan is not also "My space". */
export function currentNav(items: readonly NavItem[], pathname: string): string | null {
  const under = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  under.sort((a, b) => b.href.length - a.href.length);
  return under[0]?.href ?? null;
}

export function Header({ me, pathname, onSignOut }: { me: Me; pathname: string; onSignOut: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const nav = navFor(me);
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
        <nav class="site-nav" aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  class="site-nav__link"
                  current={item.href === current}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p class="account">
          <span class="account__name">{me.user.name}</span>
          <span class="account__role">{roleLabel(me.user.role)}</span>
        </p>
        <div class="logout">
          <Button
            variant="quiet"
            small
            busy={busy}
            busyLabel="Signing out…"
            onClick={async () => {
              setBusy(true);
              try {
                await onSignOut();
              } finally {
                setBusy(false);
              }
            }}
          >
            Log out
          </Button>
        </div>
      </div>
    </header>
  );
}
