import { useState } from 'preact/hooks';
import { passkeySignInOptions, signInWithPasskey } from '../../api/passkeys';
import { useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { getAssertion, passkeyErrorMessage, passkeysSupported } from '../../shared/webauthn';

/**
 * "Sign in with a passkey", below the password form: a discoverable passkey needs no email, so
 * the browser offers the passkeys it holds for this site; the server finds the account from the
 * one chosen. `onSignedIn` continues exactly as after a password sign-in. Hidden where the browser
 * has no WebAuthn.
 */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { api } = useSession();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!passkeysSupported()) return null;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const options = await passkeySignInOptions(api);
      const assertion = await getAssertion(options);
      await signInWithPasskey(api, assertion);
      await onSignedIn();
    } catch (err) {
      setError(passkeyErrorMessage(err, 'signIn', t));
      setBusy(false);
      // The button was disabled while waiting; the focus goes back to it.
      setTimeout(() => document.getElementById('passkey-sign-in')?.querySelector('button')?.focus(), 0);
    }
  };

  return (
    <div class="auth__passkey" id="passkey-sign-in">
      <ErrorMessage message={error} id="passkey-sign-in-error" />
      <Button variant="secondary" busy={busy} busyLabel={t('passkeys.signIn.busy')} onClick={() => void start()}>
        {t('passkeys.signIn.button')}
      </Button>
      <p class="auth__passkey-hint">{t('passkeys.signIn.hint')}</p>
    </div>
  );
}
