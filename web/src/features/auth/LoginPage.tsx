import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useSession } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { TextField, focusFirstError } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { validateLogin } from './validation';
import {
  PASSWORD_STEP,
  secondFactorBody,
  secondFactorError,
  secondFactorMessage,
  stepAfterError,
  switchMethod,
  type LoginStep,
} from './secondFactor';
import { AuthIntro } from './AuthIntro';
import { PasskeySignIn } from './PasskeySignIn';
import './auth.css';
import { useT } from '../../shared/i18n';

const FORM = 'login';

export function LoginPage({ next }: { next: string | null }) {
  const { api, signedIn } = useSession();
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<LoginStep>(PASSWORD_STEP);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const secondField = step.kind === 'second' ? (step.method === 'totp' ? 'totp' : 'recovery_code') : null;

  // The step that appears gets the focus: its code field (or the email field, back at the start).
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const target = secondField ?? 'email';
    if (shown.current === null) {
      shown.current = target;
      return;
    }
    if (shown.current === target) return;
    shown.current = target;
    document.getElementById(`${FORM}-${target}`)?.focus();
  }, [secondField]);

  const finish = async () => {
    // Login answers with the user only; the practice name for the header comes from /me.
    const me = await api.me();
    signedIn(me, next);
  };

  const submitPassword = async () => {
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
      await finish();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const after = stepAfterError(PASSWORD_STEP, code);
      setBusy(false);
      if (after.kind === 'second') {
        // The password was right: it is kept (in memory only) for the second try.
        setCode('');
        setStep(after);
        return;
      }
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) setErrors({ [err.field]: err.message });
      setPassword('');
    }
  };

  const submitSecond = async (method: 'totp' | 'recovery', field: string) => {
    const problem = secondFactorError(method, code);
    if (problem) {
      setErrors({ [field]: problem });
      focusFirstError(FORM, { [field]: problem }, [field]);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.login(email.trim(), password, secondFactorBody(method, code));
      setPassword('');
      await finish();
    } catch (err) {
      const errCode = err instanceof ApiError ? err.code : '';
      const after = stepAfterError(step, errCode);
      const message = secondFactorMessage(method, errCode, messageOf(err));
      setBusy(false);
      setCode('');
      setError(message);
      if (after.kind === 'password') {
        setPassword('');
        setStep(after);
      } else if (errCode === 'invalid_second_factor') {
        setErrors({ [field]: message });
        document.getElementById(`${FORM}-${field}`)?.focus();
      }
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (step.kind === 'second') await submitSecond(step.method, secondField!);
    else await submitPassword();
  };

  return (
    <div class="auth">
      <AuthIntro tagline={t('auth.tagline.login')} />
      <Page title={t('auth.login.title')} narrow>
        <form class="card form" onSubmit={submit} noValidate aria-describedby="login-error">
          <ErrorMessage message={error} id="login-error" />
          {step.kind === 'password' ? (
            <>
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
            </>
          ) : (
            <>
              <h2 class="auth__step">{t('account.signIn.title')}</h2>
              <p class="auth__step-intro">
                {step.method === 'totp' ? t('account.signIn.codeIntro') : t('account.signIn.recoveryIntro')}
              </p>
              {step.method === 'totp' ? (
                <TextField
                  key="totp"
                  form={FORM}
                  name="totp"
                  label={t('account.signIn.code')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={9}
                  required
                  value={code}
                  onValue={setCode}
                  error={errors.totp}
                />
              ) : (
                <TextField
                  key="recovery"
                  form={FORM}
                  name="recovery_code"
                  label={t('account.signIn.recoveryCode')}
                  autoComplete="off"
                  maxLength={64}
                  required
                  value={code}
                  onValue={setCode}
                  error={errors.recovery_code}
                />
              )}
            </>
          )}
          <Button type="submit" busy={busy} busyLabel={t('auth.login.busy')}>
            {t('auth.login.submit')}
          </Button>
          {step.kind === 'second' ? (
            <div class="auth__other-ways">
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setError(null);
                  setErrors({});
                  setCode('');
                  setStep(switchMethod(step));
                }}
              >
                {step.method === 'totp' ? t('account.signIn.useRecovery') : t('account.signIn.useApp')}
              </button>
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setError(null);
                  setErrors({});
                  setCode('');
                  setPassword('');
                  setStep(PASSWORD_STEP);
                }}
              >
                {t('account.signIn.back')}
              </button>
            </div>
          ) : null}
        </form>
        {step.kind === 'password' ? <PasskeySignIn onSignedIn={finish} /> : null}
        <p class="auth__help">{t('auth.login.help')}</p>
      </Page>
    </div>
  );
}
