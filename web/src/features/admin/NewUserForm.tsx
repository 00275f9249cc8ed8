import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { ROLES, type Role, type User } from '../../api/types';
import { useSession } from '../../shared/session';
import { roleLabel } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { MIN_PASSWORD_LENGTH, type FieldErrors } from '../../shared/validation';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { SelectField, TextField, fieldId, focusFirstError } from '../../shared/ui/Field';
import { emptyNewUserForm, validateNewUser, type NewUserFormValues } from './validation';

const FORM = 'new-user';
const ORDER = ['email', 'name', 'role', 'password', 'client_id'] as const;

export function NewUserForm({ onCreated, onCancel }: { onCreated: (user: User) => void; onCancel: () => void }) {
  const { api } = useSession();
  const t = useT();
  const [values, setValues] = useState<NewUserFormValues>(emptyNewUserForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The form appears on request; put the cursor in it so keyboard users need not hunt for it.
  useEffect(() => {
    document.getElementById(fieldId(FORM, 'email'))?.focus();
  }, []);

  const set = <K extends keyof NewUserFormValues>(key: K, value: NewUserFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateNewUser(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t('admin.form.correct'));
      focusFirstError(FORM, checked.errors, ORDER);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await api.createUser(checked.value);
      setValues(emptyNewUserForm());
      onCreated(user);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError(FORM, { [err.field]: err.message }, ORDER);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form new-user" id="new-user-form" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h2 class="card__title" id="new-user-title">
        {t('admin.users.add')}
      </h2>
      <ErrorMessage message={error} />
      <div class="form__grid">
        <TextField form={FORM} name="email" label={t('admin.form.email')} type="email" inputMode="email" autoComplete="off" required
          value={values.email} onValue={(v) => set('email', v)} error={errors.email} />
        <TextField form={FORM} name="name" label={t('admin.form.name')} autoComplete="off" required
          value={values.name} onValue={(v) => set('name', v)} error={errors.name} />
        <SelectField form={FORM} name="role" label={t('admin.form.role')} value={values.role}
          onValue={(v) => set('role', v as Role)} error={errors.role}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
        <TextField form={FORM} name="password" label={t('admin.form.password')} type="password" autoComplete="new-password" required
          hint={t('admin.form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          value={values.password} onValue={(v) => set('password', v)} error={errors.password} />
        {values.role === 'client' ? (
          <TextField form={FORM} name="client_id" label={t('admin.form.clientId')} autoComplete="off" required
            hint={t('admin.form.clientIdHint')}
            value={values.client_id} onValue={(v) => set('client_id', v)} error={errors.client_id} />
        ) : null}
      </div>
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('admin.form.creating')}>
          {t('admin.form.create')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('admin.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
