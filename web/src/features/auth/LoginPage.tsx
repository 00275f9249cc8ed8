import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useSession } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { TextField, focusFirstError } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { validateLogin } from './validation';
import { AuthIntro } from './AuthIntro';
import './auth.css';
import { useT } from '../../shared/i18n';

const FORM = 'login';

export function LoginPage({ next }: { next: string | null }) {
  const { api, signedIn } = useSession();
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateLogin(email, password);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(FORM, checked.errors, ['email', 'password']);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.login(checked.value.email, checked.value.password);
      // Login answers with the user only; the practice name for the header comes from /me.
      const me = await api.me();
      signedIn(me, next);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) setErrors({ [err.field]: err.message });
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <div class="auth">
      <AuthIntro tagline={t('auth.tagline.login')} />
      <Page title={t('auth.login.title')} narrow>
        <form class="card form" onSubmit={submit} noValidate aria-describedby="login-error">
          <ErrorMessage message={error} id="login-error" />
          <TextField
            form={FORM}
            name="email"
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onValue={setEmail}
            error={errors.email}
          />
          <TextField
            form={FORM}
            name="password"
            label={t('auth.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={errors.password}
          />
          <Button type="submit" busy={busy} busyLabel={t('auth.login.busy')}>
            {t('auth.login.submit')}
          </Button>
        </form>
        <p class="auth__help">{t('auth.login.help')}</p>
      </Page>
    </div>
  );
}
