import { describe, expect, it } from 'vitest';
import { decide, homeFor, matchRoute, safeNext } from './router';

describe('matchRoute', () => {
  it('matches literal paths', () => {
    expect(matchRoute('/login')).toEqual({ name: 'login', params: {} });
    expect(matchRoute('/clients')).toEqual({ name: 'caseload', params: {} });
    expect(matchRoute('/admin/audit').name).toBe('admin-audit');
    expect(matchRoute('/').name).toBe('home');
  });
  it('prefers /clients/new over the /clients/:id pattern', () => {
    expect(matchRoute('/clients/new').name).toBe('client-new');
  });
  it('extracts and decodes parameters', () => {
    expect(matchRoute('/clients/abc123')).toEqual({ name: 'client-detail', params: { id: 'abc123' } });
    expect(matchRoute('/clients/a%2Fb/edit')).toEqual({ name: 'client-edit', params: { id: 'a/b' } });
  });
  it('tolerates a trailing slash', () => {
    expect(matchRoute('/clients/').name).toBe('caseload');
  });
  it('reports unknown and malformed paths as not found', () => {
    expect(matchRoute('/clients/x/y/z').name).toBe('not-found');
    expect(matchRoute('/nope').name).toBe('not-found');
    expect(matchRoute('/clients/%E0%A4%A').name).toBe('not-found');
  });
});

describe('appointments', () => {
  it('has the schedule, a session and a client’s sessions for therapists and supervisors only', () => {
    expect(matchRoute('/schedule')).toEqual({ name: 'schedule', params: {} });
    expect(matchRoute('/sessions/s1')).toEqual({ name: 'session', params: { id: 's1' } });
    expect(matchRoute('/clients/c1/sessions')).toEqual({ name: 'client-sessions', params: { id: 'c1' } });
    expect(decide('therapist', matchRoute('/schedule'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/sessions/s1'))).toEqual({ kind: 'render' });
    expect(decide('client', matchRoute('/schedule'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('admin', matchRoute('/sessions/s1'))).toEqual({ kind: 'redirect', to: '/admin/users' });
  });
});

describe('decide', () => {
  it('opens the account page for every role, and only when signed in', () => {
    const m = matchRoute('/account');
    expect(m.name).toBe('account');
    for (const role of ['admin', 'therapist', 'supervisor', 'client'] as const) expect(decide(role, m)).toEqual({ kind: 'render' });
    expect(decide(null, m)).toEqual({ kind: 'redirect', to: '/login?next=%2Faccount' });
  });

  it('sends signed-out people to login and remembers where they were going', () => {
    expect(decide(null, matchRoute('/clients/abc'), '?x=1')).toEqual({
      kind: 'redirect',
      to: '/login?next=%2Fclients%2Fabc%3Fx%3D1',
    });
    expect(decide(null, matchRoute('/'))).toEqual({ kind: 'redirect', to: '/login' });
  });
  it('lets anyone open a one-time questionnaire link, signed in or not', () => {
    expect(matchRoute('/q/abc-123')).toEqual({ name: 'questionnaire-link', params: { token: 'abc-123' } });
    expect(decide(null, matchRoute('/q/abc'))).toEqual({ kind: 'render' });
    expect(decide('client', matchRoute('/q/abc'))).toEqual({ kind: 'render' });
  });
  it('keeps questionnaire pages to the roles that use them', () => {
    expect(matchRoute('/clients/c1/questionnaires/fill/phq9')).toEqual({
      name: 'client-questionnaire-fill',
      params: { id: 'c1', instrument: 'phq9' },
    });
    expect(matchRoute('/clients/c1/questionnaires/phq9').name).toBe('client-questionnaire-chart');
    expect(decide('supervisor', matchRoute('/clients/c1/questionnaires/phq9'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/clients/c1/questionnaires/fill/phq9'))).toEqual({ kind: 'redirect', to: '/clients' });
    expect(decide('client', matchRoute('/clients/c1/questionnaires'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('therapist', matchRoute('/admin/instruments'))).toEqual({ kind: 'redirect', to: '/clients' });
    expect(decide('client', matchRoute('/portal/questionnaires/phq9'))).toEqual({ kind: 'render' });
  });
  it('lets anyone open login and invite pages', () => {
    expect(decide(null, matchRoute('/login'))).toEqual({ kind: 'render' });
    expect(decide(null, matchRoute('/invite'))).toEqual({ kind: 'render' });
    expect(decide('therapist', matchRoute('/invite'))).toEqual({ kind: 'render' });
  });
  it('sends signed-in people away from login to their start page', () => {
    expect(decide('admin', matchRoute('/login'))).toEqual({ kind: 'redirect', to: '/admin/users' });
  });
  it('keeps clients and admins away from clinical pages', () => {
    expect(decide('client', matchRoute('/clients'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('client', matchRoute('/clients/c1'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('admin', matchRoute('/clients'))).toEqual({ kind: 'redirect', to: '/admin/users' });
    expect(decide('admin', matchRoute('/clients/c1'))).toEqual({ kind: 'redirect', to: '/admin/users' });
  });
  it('keeps supervisors read-only', () => {
    expect(decide('supervisor', matchRoute('/clients'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/clients/c1'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/clients/new'))).toEqual({ kind: 'redirect', to: '/clients' });
    expect(decide('supervisor', matchRoute('/clients/c1/edit'))).toEqual({ kind: 'redirect', to: '/clients' });
  });
  it('keeps staff out of the admin screens and the portal', () => {
    expect(decide('therapist', matchRoute('/admin/users'))).toEqual({ kind: 'redirect', to: '/clients' });
    expect(decide('therapist', matchRoute('/portal'))).toEqual({ kind: 'redirect', to: '/clients' });
  });
  it('routes the start page by role', () => {
    expect(decide('therapist', matchRoute('/'))).toEqual({ kind: 'redirect', to: '/clients' });
    expect(homeFor('supervisor')).toBe('/clients');
    expect(homeFor('admin')).toBe('/admin/users');
    expect(homeFor('client')).toBe('/portal');
  });
});

describe('safeNext', () => {
  it('accepts same-site paths only', () => {
    expect(safeNext('/clients/c1')).toBe('/clients/c1');
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

describe('resource map routes', () => {
  it('prefers the literal /resources/new over a resource id', () => {
    expect(matchRoute('/clients/c1/resources/new')).toEqual({ name: 'client-resource-new', params: { id: 'c1' } });
    expect(matchRoute('/clients/c1/resources/r9')).toEqual({ name: 'client-resource', params: { id: 'c1', rid: 'r9' } });
    expect(matchRoute('/cases/k1/resources/new').name).toBe('case-resource-new');
    expect(matchRoute('/portal/resources/new').name).toBe('portal-resource-new');
    expect(matchRoute('/portal/resources/r9')).toEqual({ name: 'portal-resource', params: { rid: 'r9' } });
  });
  it('lets supervisors read maps, goals and cases but not add or interview', () => {
    expect(decide('supervisor', matchRoute('/clients/c1/resources'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/clients/c1/resources/r1'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/cases/k1'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/clients/c1/resources/new'))).toEqual({ kind: 'redirect', to: '/clients' });
    expect(decide('supervisor', matchRoute('/clients/c1/interview'))).toEqual({ kind: 'redirect', to: '/clients' });
  });
  it('keeps clients in their portal and admins away from every clinical page', () => {
    expect(decide('client', matchRoute('/clients/c1/resources'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('client', matchRoute('/cases'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('client', matchRoute('/portal/coping-card'))).toEqual({ kind: 'render' });
    expect(decide('admin', matchRoute('/clients/c1/coping-card'))).toEqual({ kind: 'redirect', to: '/admin/users' });
    expect(decide('admin', matchRoute('/portal/resources/r1'))).toEqual({ kind: 'redirect', to: '/admin/users' });
    expect(decide('therapist', matchRoute('/portal/coping-card'))).toEqual({ kind: 'redirect', to: '/clients' });
  });
  it('opens the safety plan for the client and the care team (the coping-card addresses still match)', () => {
    expect(matchRoute('/portal/safety-plan').name).toBe('portal-safety-plan');
    expect(matchRoute('/clients/c1/safety-plan')).toEqual({ name: 'client-safety-plan', params: { id: 'c1' } });
    expect(matchRoute('/clients/c1/coping-card').name).toBe('client-coping');
    expect(decide('client', matchRoute('/portal/safety-plan'))).toEqual({ kind: 'render' });
    expect(decide('supervisor', matchRoute('/clients/c1/safety-plan'))).toEqual({ kind: 'render' });
    expect(decide('client', matchRoute('/clients/c1/safety-plan'))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('admin', matchRoute('/clients/c1/safety-plan'))).toEqual({ kind: 'redirect', to: '/admin/users' });
  });
});
