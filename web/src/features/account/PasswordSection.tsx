import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { MIN_PASSWORD_LENGTH, type FieldErrors } from '../../shared/validation';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { TextField, focusFirstError } from '../../shared/ui/Field';
import { validatePasswordChange } from './validation';

const FORM = 'password';
const ORDER = ['current', 'new', 'confirm'] as const;

/**
 * Change password. It ends every other session of the account and revokes its API tokens, which
 * the form says before anyone presses the button.
 */
export function PasswordSection({ hasTokens }: { hasTokens: boolean }) {
  const { api } = useSession();
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = validatePasswordChange(current, next, confirm);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(FORM, checked.errors, ORDER);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.changePassword(checked.value.current, checked.value.next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setNotice(hasTokens ? t('account.password.changedTokens') : t('account.password.changed'));
    } catch (err) {
      const wrongCurrent = err instanceof ApiError && err.code === 'invalid_credentials';
      const message = wrongCurrent ? t('account.password.wrongCurrent') : messageOf(err);
      const field = wrongCurrent ? 'current' : err instanceof ApiError ? err.field : undefined;
      setError(message);
      if (field) {
        setErrors({ [field]: message });
        focusFirstError(FORM, { [field]: message }, ORDER);
      }
      if (wrongCurrent) setCurrent('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card account-section" aria-labelledby="password-title">
      <h2 id="password-title" class="card__title">
        {t('account.password.title')}
      </h2>
      <form class="form" onSubmit={submit} noValidate>
        <p class="account-section__note" id="password-effect">
          {hasTokens ? t('account.password.effectTokens') : t('account.password.effect')}
        </p>
        <TextField
          form={FORM}
          name="current"
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onValue={setCurrent}
          error={errors.current}
        />
        <TextField
          form={FORM}
          name="new"
          label={t('account.password.new')}
          hint={t('account.password.newHint', { min: MIN_PASSWORD_LENGTH })}
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onValue={setNext}
          error={errors.new}
        />
        <TextField
          form={FORM}
          name="confirm"
          label={t('account.password.confirm')}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onValue={setConfirm}
          error={errors.confirm}
        />
        <Notice message={notice} />
        <ErrorMessage message={error} />
        <div class="form__actions">
          <Button type="submit" busy={busy} busyLabel={t('account.password.busy')}>
            {t('account.password.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
