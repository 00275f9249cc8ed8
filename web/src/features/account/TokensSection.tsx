import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { ApiToken, NewApiToken } from '../../api/types';
import { formatDate } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import type { FieldErrors } from '../../shared/validation';
import { Button } from '../../shared/ui/Button';
import { CopyLinkField } from '../../shared/ui/CopyLink';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { TextField, focusFirstError } from '../../shared/ui/Field';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, MAX_TOKEN_NAME, MIN_TOKEN_DAYS, tokenExpired, validateToken } from './validation';

const FORM = 'token';

/**
 * Personal API tokens (therapists and supervisors): the list with created, last used and expiry;
 * a new token for 1–365 days whose secret is shown once with a copy button; revoking one.
 */
export function TokensSection() {
  const { api } = useSession();
  const t = useT();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = () =>
    api.listTokens().then(
      (list) => {
        setTokens(list);
        setLoadError(null);
      },
      (err) => setLoadError(messageOf(err)),
    );

  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="card account-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title" class="card__title">
        {t('account.tokens.title')}
      </h2>
      <p class="account-section__note">{t('account.tokens.intro')}</p>
      <ErrorMessage message={loadError} />
      <Notice message={notice} />
      {tokens === null && !loadError ? <Loading label={t('account.tokens.loading')} /> : null}
      {tokens && tokens.length === 0 ? <EmptyState title={t('account.tokens.none')} /> : null}
      {tokens && tokens.length > 0 ? (
        <ul class="token-list" aria-labelledby="tokens-title">
          {tokens.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              onRevoked={() => {
                setNotice(t('account.tokens.revoked', { name: token.name }));
                setTokens((prev) => prev && prev.filter((x) => x.id !== token.id));
                document.getElementById('tokens-title')?.focus();
              }}
            />
          ))}
        </ul>
      ) : null}
      {created ? (
        <NewSecret
          token={created}
          onDone={() => {
            setCreated(null);
            setTimeout(() => document.getElementById(`${FORM}-name`)?.focus(), 0);
          }}
        />
      ) : null}
      <NewTokenForm
        onCreated={(token) => {
          setNotice(null);
          setCreated(token);
          void load();
        }}
      />
    </section>
  );
}

function TokenItem({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const { api } = useSession();
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expired = tokenExpired(token.expires_at);
  const base = `token-${token.id}`;
  return (
    <li class={`token${expired ? ' token--expired' : ''}`}>
      <p class="token__name" id={`${base}-name`}>
        {token.name}
      </p>
      <p class="token__facts">
        <span>{t('account.tokens.created', { date: formatDate(token.created_at) })}</span>
        <span>
          {token.last_used_at ? t('account.tokens.lastUsed', { date: formatDate(token.last_used_at) }) : t('account.tokens.neverUsed')}
        </span>
        <span class={expired ? 'token__expired' : undefined}>
          {!token.expires_at
            ? t('account.tokens.noExpiry')
            : expired
              ? t('account.tokens.expired', { date: formatDate(token.expires_at) })
              : t('account.tokens.expires', { date: formatDate(token.expires_at) })}
        </span>
      </p>
      <ErrorMessage message={error} />
      {confirming ? (
        <div class="token__confirm" role="group" aria-labelledby={`${base}-confirm`}>
          <p id={`${base}-confirm`}>{t('account.tokens.confirmRevoke', { name: token.name })}</p>
          <div class="form__actions">
            <Button
              variant="danger"
              small
              busy={busy}
              busyLabel={t('account.tokens.revoking')}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await api.revokeToken(token.id);
                  onRevoked();
                } catch (err) {
                  setError(messageOf(err));
                  setBusy(false);
                }
              }}
            >
              {t('account.tokens.revokeYes')}
            </Button>
            <Button
              variant="quiet"
              small
              onClick={() => {
                setConfirming(false);
                setTimeout(() => document.getElementById(`${base}-revoke`)?.focus(), 0);
              }}
            >
              {t('account.tokens.keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div class="form__actions">
          <button
            type="button"
            id={`${base}-revoke`}
            class="btn btn--quiet btn--small"
            aria-describedby={`${base}-name`}
            onClick={() => {
              setConfirming(true);
              // The confirmation's first button is where the person decides.
              setTimeout(() => (document.querySelector(`#${CSS.escape(base)}-confirm + .form__actions button`) as HTMLElement | null)?.focus(), 0);
            }}
          >
            {t('account.tokens.revoke')}
          </button>
        </div>
      )}
    </li>
  );
}

function NewSecret({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  const t = useT();
  const [status, setStatus] = useState('');
  useEffect(() => {
    document.getElementById('token-secret-title')?.focus();
  }, [token.id]);
  return (
    <div class="token-secret alert alert--success">
      <p id="token-secret-title" class="token-secret__title" tabIndex={-1}>
        {t('account.tokens.secretTitle', { name: token.name })}
      </p>
      <p>
        {token.expires_at
          ? t('account.tokens.secretOnce', { date: formatDate(token.expires_at) })
          : t('account.tokens.secretOnceNoExpiry')}
      </p>
      <CopyLinkField
        id="token-secret"
        label={t('account.tokens.secretLabel')}
        url={token.token}
        rowClass="token-secret__row"
        copyLabel={t('account.tokens.copy')}
        status={status}
        selectOnFocus
        onCopied={(copied) => setStatus(copied ? t('account.tokens.copied') : t('account.tokens.selected'))}
      />
      <div class="form__actions">
        <Button variant="quiet" small onClick={onDone}>
          {t('account.tokens.hideSecret')}
        </Button>
      </div>
    </div>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (token: NewApiToken) => void }) {
  const { api } = useSession();
  const t = useT();
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(DEFAULT_TOKEN_DAYS));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateToken(name, days);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(FORM, checked.errors, ['name', 'expires_in_days']);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const token = await api.createToken(checked.value.name, checked.value.days);
      setName('');
      setDays(String(DEFAULT_TOKEN_DAYS));
      onCreated(token);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError(FORM, { [err.field]: err.message }, ['name', 'expires_in_days']);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form token-form" onSubmit={submit} noValidate aria-labelledby="token-form-title">
      <h3 id="token-form-title" class="token-form__title">
        {t('account.tokens.newTitle')}
      </h3>
      <div class="form__grid">
        <TextField
          form={FORM}
          name="name"
          label={t('account.tokens.name')}
          hint={t('account.tokens.nameHint')}
          required
          maxLength={MAX_TOKEN_NAME + 20}
          value={name}
          onValue={setName}
          error={errors.name}
        />
        <TextField
          form={FORM}
          name="expires_in_days"
          label={t('account.tokens.days')}
          hint={t('account.tokens.daysHint', { min: MIN_TOKEN_DAYS, max: MAX_TOKEN_DAYS, days: DEFAULT_TOKEN_DAYS })}
          inputMode="numeric"
          required
          maxLength={3}
          value={days}
          onValue={setDays}
          error={errors.expires_in_days}
        />
      </div>
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('account.tokens.creating')}>
          {t('account.tokens.create')}
        </Button>
      </div>
    </form>
  );
}
