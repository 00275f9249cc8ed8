import type { User } from '../../api/types';
import { t } from '../../shared/i18n';

/**
 * A client login's name is usually the client's name, and the practice admin does not see
 * clinical content: knowing who is in therapy is itself clinical. Admin screens therefore
 * show client logins by email only, which the admin needs to support the account.
 */
export function adminDisplayName(user: User): string {
  return user.role === 'client' ? t('admin.user.clientLogin') : user.name;
}

export function userOptionLabel(user: User): string {
  return user.role === 'client' ? t('admin.user.clientOption', { email: user.email }) : `${user.name} · ${user.email}`;
}

const ROLE_ORDER: Record<string, number> = { admin: 0, therapist: 1, supervisor: 2, client: 3 };

/** Active accounts first, staff before client logins, then alphabetically. */
export function sortUsers(users: readonly User[]): User[] {
  return [...users].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) ||
      adminDisplayName(a).localeCompare(adminDisplayName(b)) ||
      a.email.localeCompare(b.email),
  );
}

/** A staff account (admin, therapist, supervisor): the people two-step sign-in can be required of. */
export function isStaff(user: User): boolean {
  return user.role !== 'client';
}

/**
 * How many active staff accounts have no second factor yet; null when the server does not say
 * (an older one leaves `totp_enabled` out).
 */
export function staffWithoutSecondFactor(users: readonly User[]): number | null {
  const staff = users.filter((u) => u.active && isStaff(u));
  if (staff.some((u) => typeof u.totp_enabled !== 'boolean')) return null;
  return staff.filter((u) => !u.totp_enabled).length;
}
