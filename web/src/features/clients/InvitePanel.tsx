import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Client, Invite } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDateTime } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { emailError } from '../../shared/validation';
import { Button } from '../../shared/ui/Button';
import { CopyLinkField } from '../../shared/ui/CopyLink';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { TextField, fieldId } from '../../shared/ui/Field';

const FORM = 'invite-client';

export function InvitePanel({ client }: { client: Client }) {
  const { api } = useSession();
  const t = useT();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [copyStatus, setCopyStatus] = useState('');
  const linkInput = useRef<HTMLInputElement>(null);

  // Each step replaces the button that was pressed, so move focus to where the next step is.
  useEffect(() => {
    if (invite) linkInput.current?.focus();
    else if (open) document.getElementById(fieldId(FORM, 'email'))?.focus();
  }, [open, invite]);

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('clients.invite.open')}
      </Button>
    );
  }

  if (invite) {
    return (
      <div class="invite" id="invite-panel">
        <h3 class="invite__title">{t('clients.invite.linkFor', { name: client.display_name })}</h3>
        <CopyLinkField
          id="invite-link"
          label={t('clients.invite.link')}
          url={invite.url}
          rowClass="copy-row"
          inputRef={linkInput}
          copyLabel={t('clients.invite.copy')}
          status={copyStatus}
          onCopied={(ok) => setCopyStatus(ok ? t('clients.invite.copied') : t('clients.invite.selected'))}
        />
        <p>{t('clients.invite.expires', { when: formatDateTime(invite.expires_at) })}</p>
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const problem = emailError(email);
    if (problem) {
      setFieldError(problem);
      document.getElementById(fieldId(FORM, 'email'))?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      setInvite(await api.inviteClient(client.id, email.trim()));
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'email') setFieldError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="invite" id="invite-panel" onSubmit={submit} noValidate>
      <h3 class="invite__title">{t('clients.invite.title', { name: client.display_name })}</h3>
      <p class="field__hint">{t('clients.invite.intro')}</p>
      <ErrorMessage message={error} />
      <TextField
        form={FORM}
        name="email"
        label={t('clients.invite.email')}
        type="email"
        inputMode="email"
        autoComplete="off"
        required
        hint={t('clients.invite.emailHint')}
        value={email}
        onValue={setEmail}
        error={fieldError}
      />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('clients.invite.creating')}>
          {t('clients.invite.create')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('clients.cancel')}
        </Button>
      </div>
    </form>
  );
}
