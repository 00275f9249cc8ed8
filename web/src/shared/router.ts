import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../api/types';

export type RouteName =
  | 'home'
  | 'login'
  | 'invite'
  | 'reset-password'
  | 'caseload'
  | 'client-new'
  | 'client-detail'
  | 'client-edit'
  | 'client-resources'
  | 'client-resource-new'
  | 'client-resource'
  | 'client-interview'
  | 'client-goals'
  | 'client-balance'
  | 'client-coping'
  | 'client-safety-plan'
  | 'client-questionnaires'
  | 'client-questionnaire-fill'
  | 'client-questionnaire-chart'
  | 'questionnaire-link'
  | 'cases'
  | 'case-detail'
  | 'case-resource-new'
  | 'case-resource'
  | 'portal-resource-new'
  | 'portal-resource'
  | 'portal-coping'
  | 'portal-safety-plan'
  | 'admin-users'
  | 'admin-audit'
  | 'admin-instruments'
  | 'admin-journal'
  | 'admin-safety'
  | 'portal-questionnaire'
  | 'portal-journal'
  | 'portal-instruments'
  | 'portal-exercises'
  | 'portal-exercise'
  | 'exercises'
  | 'exercise'
  | 'client-journal'
  | 'client-sessions'
  | 'schedule'
  | 'session'
  | 'portal'
  | 'account'
  | 'not-found';

interface RouteDef {
  name: RouteName;
  pattern: string;
  /** null = reachable without signing in; otherwise the roles that may open it. */
  roles: readonly Role[] | null;
}

// Order matters: literal segments ("/clients/new") must come before parameters ("/clients/:id").
export const ROUTES: readonly RouteDef[] = [
  { name: 'home', pattern: '/', roles: ['admin', 'therapist', 'supervisor', 'client'] },
  { name: 'login', pattern: '/login', roles: null },
  { name: 'invite', pattern: '/invite', roles: null },
  { name: 'reset-password', pattern: '/reset-password', roles: null },
  { name: 'caseload', pattern: '/clients', roles: ['therapist', 'supervisor'] },
  { name: 'client-new', pattern: '/clients/new', roles: ['therapist'] },
  { name: 'client-detail', pattern: '/clients/:id', roles: ['therapist', 'supervisor'] },
  { name: 'client-edit', pattern: '/clients/:id/edit', roles: ['therapist'] },
  { name: 'client-resources', pattern: '/clients/:id/resources', roles: ['therapist', 'supervisor'] },
  { name: 'client-resource-new', pattern: '/clients/:id/resources/new', roles: ['therapist'] },
  { name: 'client-resource', pattern: '/clients/:id/resources/:rid', roles: ['therapist', 'supervisor'] },
  { name: 'client-interview', pattern: '/clients/:id/interview', roles: ['therapist'] },
  { name: 'client-goals', pattern: '/clients/:id/goals', roles: ['therapist', 'supervisor'] },
  { name: 'client-balance', pattern: '/clients/:id/balance', roles: ['therapist', 'supervisor'] },
  // The coping card grew into the safety plan (issue 13); its old address leads there.
  { name: 'client-coping', pattern: '/clients/:id/coping-card', roles: ['therapist', 'supervisor'] },
  { name: 'client-safety-plan', pattern: '/clients/:id/safety-plan', roles: ['therapist', 'supervisor'] },
  { name: 'client-questionnaires', pattern: '/clients/:id/questionnaires', roles: ['therapist', 'supervisor'] },
  { name: 'client-questionnaire-fill', pattern: '/clients/:id/questionnaires/fill/:instrument', roles: ['therapist'] },
  { name: 'client-questionnaire-chart', pattern: '/clients/:id/questionnaires/:instrument', roles: ['therapist', 'supervisor'] },
  { name: 'client-journal', pattern: '/clients/:id/journal', roles: ['therapist', 'supervisor'] },
  { name: 'client-sessions', pattern: '/clients/:id/sessions', roles: ['therapist', 'supervisor'] },
  { name: 'schedule', pattern: '/schedule', roles: ['therapist', 'supervisor'] },
  { name: 'session', pattern: '/sessions/:id', roles: ['therapist', 'supervisor'] },
  { name: 'exercises', pattern: '/exercises', roles: ['therapist', 'supervisor'] },
  { name: 'exercise', pattern: '/exercises/:eid', roles: ['therapist', 'supervisor'] },
  // A one-time questionnaire link: the token is the credential, no sign-in.
  { name: 'questionnaire-link', pattern: '/q/:token', roles: null },
  { name: 'cases', pattern: '/cases', roles: ['therapist', 'supervisor'] },
  { name: 'case-detail', pattern: '/cases/:id', roles: ['therapist', 'supervisor'] },
  { name: 'case-resource-new', pattern: '/cases/:id/resources/new', roles: ['therapist'] },
  { name: 'case-resource', pattern: '/cases/:id/resources/:rid', roles: ['therapist', 'supervisor'] },
  { name: 'admin-users', pattern: '/admin/users', roles: ['admin'] },
  { name: 'admin-audit', pattern: '/admin/audit', roles: ['admin'] },
  { name: 'admin-instruments', pattern: '/admin/instruments', roles: ['admin'] },
  { name: 'admin-journal', pattern: '/admin/journal', roles: ['admin'] },
  { name: 'admin-safety', pattern: '/admin/safety', roles: ['admin'] },
  { name: 'portal', pattern: '/portal', roles: ['client'] },
  // Issue 16: each person's own account (password, two-step sign-in, sessions, API tokens).
  { name: 'account', pattern: '/account', roles: ['admin', 'therapist', 'supervisor', 'client'] },
  { name: 'portal-resource-new', pattern: '/portal/resources/new', roles: ['client'] },
  { name: 'portal-resource', pattern: '/portal/resources/:rid', roles: ['client'] },
  { name: 'portal-coping', pattern: '/portal/coping-card', roles: ['client'] },
  { name: 'portal-safety-plan', pattern: '/portal/safety-plan', roles: ['client'] },
  { name: 'portal-questionnaire', pattern: '/portal/questionnaires/:instrument', roles: ['client'] },
  { name: 'portal-journal', pattern: '/portal/journal', roles: ['client'] },
  { name: 'portal-instruments', pattern: '/portal/instruments', roles: ['client'] },
  { name: 'portal-exercises', pattern: '/portal/exercises', roles: ['client'] },
  { name: 'portal-exercise', pattern: '/portal/exercises/:eid', roles: ['client'] },
];

export interface Match {
  name: RouteName;
  params: Record<string, string>;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export function matchRoute(pathname: string): Match {
  const parts = splitPath(pathname);
  for (const route of ROUTES) {
    const pattern = splitPath(route.pattern);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i]!;
      const actual = parts[i]!;
      if (p.startsWith(':')) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(actual);
        } catch {
          ok = false;
          break;
        }
        params[p.slice(1)] = decoded;
      } else if (p !== actual) {
        ok = false;
        break;
      }
    }
    if (ok) return { name: route.name, params };
  }
  return { name: 'not-found', params: {} };
}

export function homeFor(role: Role): string {
  switch (role) {
    case 'admin':
      return '/admin/users';
    case 'client':
      return '/portal';
    case 'therapist':
    case 'supervisor':
      return '/clients';
  }
}

export type Decision = { kind: 'render' } | { kind: 'redirect'; to: string };

/**
 * Decides what a person at `path` sees. Pages a role may not use are never rendered, so
 * e.g. a client typing /clients is sent to their portal before any caseload request is made.
 */
export function decide(role: Role | null, match: Match, search = ''): Decision {
  if (match.name === 'not-found') return { kind: 'render' };
  const route = ROUTES.find((r) => r.name === match.name)!;
  if (route.roles === null) {
    // A signed-in person has no business on the login page; invites stay reachable so a
    // therapist testing a link on their own device is not bounced away from it.
    if (match.name === 'login' && role !== null) return { kind: 'redirect', to: homeFor(role) };
    return { kind: 'render' };
  }
  if (role === null) {
    const next = match.name === 'home' ? '' : `?next=${encodeURIComponent(pathOf(match) + search)}`;
    return { kind: 'redirect', to: `/login${next}` };
  }
  if (match.name === 'home' || !route.roles.includes(role)) return { kind: 'redirect', to: homeFor(role) };
  return { kind: 'render' };
}

function pathOf(match: Match): string {
  const route = ROUTES.find((r) => r.name === match.name)!;
  return route.pattern.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(match.params[key] ?? ''));
}

/** Only same-site paths are accepted as a post-login destination, never a full URL. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

const NAV_EVENT = 'trove:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAV_EVENT));
}

export interface Location {
  pathname: string;
  search: string;
}

export function useLocation(): Location {
  const read = (): Location => ({ pathname: window.location.pathname, search: window.location.search });
  const [loc, setLoc] = useState<Location>(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return loc;
}

/** True when a click should be left to the browser (new tab, download, other window). */
export function isModifiedClick(e: MouseEvent): boolean {
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.defaultPrevented;
}
