import { ROLES, type NewUser, type Role } from '../../api/types';
import { t } from '../../shared/i18n';
import { emailError, passwordError, type FieldErrors, type Validated } from '../../shared/validation';

export interface NewUserFormValues {
  email: string;
  name: string;
  role: Role;
  password: string;
  client_id: string;
}

export function emptyNewUserForm(): NewUserFormValues {
  return { email: '', name: '', role: 'therapist', password: '', client_id: '' };
}

export function validateNewUser(values: NewUserFormValues): Validated<NewUser> {
  const errors: FieldErrors = {};
  const email = emailError(values.email);
  if (email) errors.email = email;
  if (values.name.trim() === '') errors.name = t('admin.validation.name');
  if (!ROLES.includes(values.role)) errors.role = t('admin.validation.role');
  const pw = passwordError(values.password);
  if (pw) errors.password = pw;
  const clientId = values.client_id.trim();
  if (values.role === 'client' && clientId === '') {
    errors.client_id = t('admin.validation.clientId');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const user: NewUser = { email: values.email.trim(), name: values.name.trim(), role: values.role, password: values.password };
  // client_id only makes sense for client logins; other roles would be rejected by the server.
  if (values.role === 'client') user.client_id = clientId;
  return { ok: true, value: user };
}

export function validatePasswordReset(password: string): Validated<string> {
  const pw = passwordError(password);
  return pw ? { ok: false, errors: { password: pw } } : { ok: true, value: password };
}
