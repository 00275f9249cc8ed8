// Shapes of the Trove HTTP API v1 (docs/api.md). Kept by hand and small on purpose:
// the UI only depends on the fields it shows.

export type Role = 'admin' | 'therapist' | 'supervisor' | 'client';
export const ROLES: readonly Role[] = ['therapist', 'supervisor', 'admin', 'client'];

export type ClientContext = 'individual' | 'youth' | 'trauma' | 'couple' | 'family' | 'group';
export const CLIENT_CONTEXTS: readonly ClientContext[] = [
  'individual',
  'youth',
  'trauma',
  'couple',
  'family',
  'group',
];

export type ClientStatus = 'active' | 'paused' | 'closed';
export const CLIENT_STATUSES: readonly ClientStatus[] = ['active', 'paused', 'closed'];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  client_id: string | null;
  supervisor_ids: string[];
  supervisee_ids: string[];
  created_at: string;
}

export interface Practice {
  id: string;
  name: string;
}

export interface Me {
  user: User;
  csrf_token: string;
  practice: Practice;
}

export interface LoginResult {
  user: User;
  csrf_token: string;
}

export interface Client {
  id: string;
  display_name: string;
  birth_year: number | null;
  contexts: ClientContext[];
  status: ClientStatus;
  therapist_ids: string[];
  has_portal_account: boolean;
  created_at: string;
  updated_at: string;
}

export interface ClientInput {
  display_name: string;
  birth_year: number | null;
  contexts: ClientContext[];
  status: ClientStatus;
}

export interface Invite {
  url: string;
  expires_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  client_id?: string;
}

export interface UserPatch {
  name?: string;
  active?: boolean;
  password?: string;
  supervisor_ids?: string[];
  supervisee_ids?: string[];
}

export interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: Role | string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  ip: string | null;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}
