import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useSession } from '../../shared/session';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { MIN_PASSWORD_LENGTH, type FieldErrors } from '../../shared/validation';
import { validateNewPassword } from './validation';
import { AuthIntro } from './AuthIntro';
import './auth.css';
import { useT } from '../../shared/i18n';

const FORM = 'invite';

/**
 * Choosing a password from a one-time link: an invite to the portal, or a reset the practice
 * sent (the practice never sets or learns anyone's password).
 */
export function InvitePage({ token, purpose = 'invite' }: { token: string | null; purpose?: 'invite' | 'reset' }) {
  const { api, flash } = useSession();
  const t = useT();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!token) {
    return (
      <div class="auth">
        <Page title={t(purpose === 'reset' ? 'auth.reset.incomplete.title' : 'auth.invite.incomplete.title')} narrow>
          <div class="card">
            <p>{t(purpose === 'reset' ? 'auth.reset.incomplete.body' : 'auth.invite.incomplete.body')}</p>
            <p>
              <Link href="/login">{t('auth.invite.signInInstead')}</Link>
            </p>
          </div>
        </Page>
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateNewPassword(password, confirm);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(FORM, checked.errors, ['password', 'confirm']);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (purpose === 'reset') await api.resetPassword(token, checked.value);
      else await api.acceptInvite(token, checked.value);
      flash(t(purpose === 'reset' ? 'auth.reset.passwordSet' : 'auth.invite.passwordSet'), '/login');
      navigate('/login', { replace: true });
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'password') setErrors({ password: err.message });
      setBusy(false);
    }
  };

  return (
    <div class="auth">
      <AuthIntro tagline={t('auth.tagline.invite')} />
      <Page title={t(purpose === 'reset' ? 'auth.reset.title' : 'auth.invite.title')} narrow>
        <form class="card form" onSubmit={submit} noValidate>
          <p>{t(purpose === 'reset' ? 'auth.reset.intro' : 'auth.invite.intro')}</p>
          <ErrorMessage message={error} />
          <TextField
            form={FORM}
            name="password"
            label={t('auth.invite.newPassword')}
            type="password"
            autoComplete="new-password"
            required
            hint={t('auth.invite.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            value={password}
            onValue={setPassword}
            error={errors.password}
          />
          <TextField
            form={FORM}
            name="confirm"
            label={t('auth.invite.confirm')}
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onValue={setConfirm}
            error={errors.confirm}
          />
          <Button type="submit" busy={busy} busyLabel={t('auth.invite.saving')}>
            {t('auth.invite.submit')}
          </Button>
        </form>
      </Page>
    </div>
  );
}
