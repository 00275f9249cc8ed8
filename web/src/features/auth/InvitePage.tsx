import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useSession } from '../../app/session';
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

const FORM = 'invite';

export function InvitePage({ token }: { token: string | null }) {
  const { api, flash } = useSession();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!token) {
    return (
      <div class="auth">
        <Page title="This invite link is incomplete" narrow>
          <div class="card">
            <p>
              The link you opened is missing its code. Please open the full link from the message your therapist sent
              you, or ask them for a new one.
            </p>
            <p>
              <Link href="/login">Already have a password? Sign in</Link>
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
      await api.acceptInvite(token, checked.value);
      flash('Your password is set. Sign in with your email address and your new password.', '/login');
      navigate('/login', { replace: true });
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'password') setErrors({ password: err.message });
      setBusy(false);
    }
  };

  return (
    <div class="auth">
      <AuthIntro tagline="Welcome. You have been invited to your own space in Trove." />
      <Page title="Choose your password" narrow>
        <form class="card form" onSubmit={submit} noValidate>
          <p>
            Pick a password only you know. You will use it with your email address to sign in from now on.
          </p>
          <ErrorMessage message={error} />
          <TextField
            form={FORM}
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
            value={password}
            onValue={setPassword}
            error={errors.password}
          />
          <TextField
            form={FORM}
            name="confirm"
            label="Type the password again"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onValue={setConfirm}
            error={errors.confirm}
          />
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Set password
          </Button>
        </form>
      </Page>
    </div>
  );
}
