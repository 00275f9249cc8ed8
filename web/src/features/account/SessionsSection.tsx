import { useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';

/** "Sign out everywhere else": ends every session of this account but the one in this browser. */
export function SessionsSection() {
  const { api } = useSession();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section class="card account-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title" class="card__title">
        {t('account.sessions.title')}
      </h2>
      <p class="account-section__note">{t('account.sessions.hint')}</p>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button
          variant="secondary"
          busy={busy}
          busyLabel={t('account.sessions.busy')}
          onClick={async () => {
            setBusy(true);
            setError(null);
            setNotice(null);
            try {
              await api.signOutOtherSessions();
              setNotice(t('account.sessions.done'));
            } catch (err) {
              setError(messageOf(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('account.sessions.submit')}
        </Button>
      </div>
    </section>
  );
}
