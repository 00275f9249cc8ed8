import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { deletePasskey, listPasskeys, passkeyCreationOptions, registerPasskey, type Passkey } from '../../api/passkeys';
import { formatDate } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { TextField } from '../../shared/ui/Field';
import { createCredential, passkeyErrorMessage, passkeysSupported } from '../../shared/webauthn';
import { checkPasskeyName } from './passkeyName';

const FORM = 'passkey';

/** Focuses the element with `id` after the render that shows it. */
function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/**
 * Passkeys (WebAuthn) on the account page, for every role: the list (name, added, last used),
 * "Add a passkey" (a name first, then the browser's own prompt), removing one after a
 * confirmation. With `required` (the set-up-required screen) it offers only the adding: once a
 * passkey is there, /me no longer asks for a second factor and Trove opens.
 * Where the browser has no WebAuthn, nothing can be added; existing passkeys can still be removed.
 */
export function PasskeysSection({ required = false }: { required?: boolean }) {
  const { api, refreshMe } = useSession();
  const t = useT();
  const supported = passkeysSupported();
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = () =>
    listPasskeys(api).then(
      (list) => {
        setPasskeys(list);
        setLoadError(null);
      },
      (err) => setLoadError(messageOf(err)),
    );

  useEffect(() => {
    if (!required) void load();
  }, [required]);

  if (required && !supported) return null;

  return (
    <section class={`card account-section passkeys${required ? ' passkeys--required' : ''}`} aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" class="card__title" tabIndex={-1}>
        {t('passkeys.title')}
      </h2>
      <p class="account-section__note">{required ? t('passkeys.required.intro') : t('passkeys.intro')}</p>
      <ErrorMessage message={loadError} />
      <Notice message={notice} />
      {required ? null : (
        <>
          {passkeys === null && !loadError ? <Loading label={t('passkeys.loading')} /> : null}
          {passkeys && passkeys.length === 0 ? <EmptyState title={t('passkeys.none')} /> : null}
          {passkeys && passkeys.length > 0 ? (
            <ul class="token-list passkey-list" aria-labelledby="passkeys-title">
              {passkeys.map((key) => (
                <PasskeyItem
                  key={key.id}
                  passkey={key}
                  onRemoved={() => {
                    setNotice(t('passkeys.removed', { name: key.name }));
                    setPasskeys((prev) => prev && prev.filter((x) => x.id !== key.id));
                    focusSoon('passkeys-title');
                    void refreshMe().catch(() => undefined);
                  }}
                />
              ))}
            </ul>
          ) : null}
        </>
      )}
      {!supported ? (
        <p class="account-section__note passkeys__unsupported">{t('passkeys.unsupported')}</p>
      ) : adding ? (
        <AddPasskeyForm
          onCancel={() => {
            setAdding(false);
            focusSoon('passkey-add');
          }}
          onAdded={(key) => {
            setAdding(false);
            setNotice(t('passkeys.added', { name: key.name }));
            if (!required) {
              setPasskeys((prev) => (prev ? [...prev.filter((x) => x.id !== key.id), key] : [key]));
              void load();
              focusSoon('passkeys-title');
            }
            // Behind the set-up-required screen this opens Trove; elsewhere it updates the count.
            void refreshMe().catch(() => undefined);
          }}
        />
      ) : (
        <div class="form__actions">
          <button
            type="button"
            id="passkey-add"
            class={`btn ${required ? 'btn--primary' : 'btn--secondary'}`}
            onClick={() => {
              setNotice(null);
              setAdding(true);
              focusSoon(`${FORM}-name`);
            }}
          >
            {t('passkeys.add')}
          </button>
        </div>
      )}
    </section>
  );
}

function PasskeyItem({ passkey, onRemoved }: { passkey: Passkey; onRemoved: () => void }) {
  const { api } = useSession();
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `passkey-${passkey.id}`;
  return (
    <li class="token passkey">
      <p class="token__name" id={`${base}-name`}>
        {passkey.name}
      </p>
      <p class="token__facts">
        <span>{t('passkeys.created', { date: formatDate(passkey.created_at) })}</span>
        <span>{passkey.last_used_at ? t('passkeys.lastUsed', { date: formatDate(passkey.last_used_at) }) : t('passkeys.neverUsed')}</span>
      </p>
      <ErrorMessage message={error} />
      {confirming ? (
        <div class="token__confirm" role="group" aria-labelledby={`${base}-confirm`}>
          <p id={`${base}-confirm`}>{t('passkeys.confirmRemove', { name: passkey.name })}</p>
          <div class="form__actions">
            <Button
              variant="danger"
              small
              busy={busy}
              busyLabel={t('passkeys.removing')}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await deletePasskey(api, passkey.id);
                  onRemoved();
                } catch (err) {
                  setError(messageOf(err));
                  setBusy(false);
                }
              }}
            >
              {t('passkeys.removeYes')}
            </Button>
            <Button
              variant="quiet"
              small
              onClick={() => {
                setConfirming(false);
                focusSoon(`${base}-remove`);
              }}
            >
              {t('passkeys.keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div class="form__actions">
          <button
            type="button"
            id={`${base}-remove`}
            class="btn btn--quiet btn--small"
            aria-describedby={`${base}-name`}
            onClick={() => {
              setConfirming(true);
              // The confirmation's first button is where the person decides.
              setTimeout(() => (document.querySelector(`#${CSS.escape(base)}-confirm + .form__actions button`) as HTMLElement | null)?.focus(), 0);
            }}
          >
            {t('passkeys.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

/** A name first ("Work laptop"), then the browser's prompt; the server checks and stores the answer. */
function AddPasskeyForm({ onCancel, onAdded }: { onCancel: () => void; onAdded: (key: Passkey) => void }) {
  const { api } = useSession();
  const t = useT();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = `${FORM}-name`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = checkPasskeyName(name);
    if (!checked.ok) {
      setNameError(checked.error);
      document.getElementById(nameId)?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      const options = await passkeyCreationOptions(api);
      const credential = await createCredential(options);
      const key = await registerPasskey(api, credential, checked.name);
      onAdded(key);
    } catch (err) {
      const message = passkeyErrorMessage(err, 'add', t);
      setError(message);
      if (err instanceof ApiError && err.field === 'name') setNameError(message);
      setBusy(false);
      // The submit button was disabled while waiting, so the focus went with it: back to the name.
      focusSoon(nameId);
    }
  };

  return (
    <form class="form token-form passkey-form" onSubmit={submit} noValidate aria-labelledby="passkey-form-title">
      <h3 id="passkey-form-title" class="token-form__title">
        {t('passkeys.formTitle')}
      </h3>
      <TextField
        form={FORM}
        name="name"
        label={t('passkeys.name')}
        hint={t('passkeys.nameHint')}
        autoComplete="off"
        required
        maxLength={120}
        value={name}
        onValue={setName}
        error={nameError}
      />
      <p class="account-section__note">{t('passkeys.nextStep')}</p>
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('passkeys.creating')}>
          {t('passkeys.create')}
        </Button>
        <Button variant="quiet" onClick={onCancel} disabled={busy}>
          {t('passkeys.cancel')}
        </Button>
      </div>
    </form>
  );
}
