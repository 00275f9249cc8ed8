import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { CLIENT_CONTEXTS, CLIENT_STATUSES, type Client, type ClientContext, type ClientStatus } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { contextLabel, statusLabel } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ChoiceGroup, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { canEditClient } from '../../shared/clientAccess';
import { MAX_NAME_LENGTH, emptyClientForm, validateClient, type ClientFormValues } from './validation';
import './clients.css';

const FORM = 'client';
const FIELD_ORDER = ['display_name', 'birth_year', 'contexts', 'status'] as const;

function valuesOf(client: Client): ClientFormValues {
  return {
    display_name: client.display_name,
    birth_year: client.birth_year === null ? '' : String(client.birth_year),
    contexts: [...client.contexts],
    status: client.status,
  };
}

export function ClientFormPage({ clientId }: { clientId?: string | undefined }) {
  const { api, flash } = useSession();
  const t = useT();
  const me = useMe();
  const editing = clientId !== undefined;
  const [client, setClient] = useState<Client | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<ClientFormValues>(emptyClientForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!clientId) return;
    api
      .getClient(clientId)
      .then((c) => {
        setClient(c);
        setValues(valuesOf(c));
      })
      .catch((err) => setLoadError(messageOf(err)));
  }, [clientId]);

  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // Clear a field's error as soon as the person changes it, so red never lingers on fixed input.
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const backHref = editing ? `/clients/${encodeURIComponent(clientId)}` : '/clients';
  const back = (
    <Link href={backHref} class="back-link">
      {editing ? t('clients.backToClient') : t('clients.backToCaseload')}
    </Link>
  );

  if (editing && loadError) {
    return (
      <Page title={t('clients.form.editTitle')} before={back} narrow>
        <ErrorMessage message={loadError} />
      </Page>
    );
  }
  if (editing && !client) {
    return (
      <Page title={t('clients.form.editTitle')} before={back} narrow>
        <Loading label={t('clients.detail.loading')} />
      </Page>
    );
  }
  if (client && !canEditClient(me.user, client)) {
    return (
      <Page title={t('clients.form.editTitle')} before={back} narrow>
        <p class="alert alert--info">{t('clients.form.notYours')}</p>
      </Page>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateClient(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t('clients.form.correct'));
      focusFirstError(FORM, checked.errors, FIELD_ORDER);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = client ? await api.updateClient(client.id, checked.value) : await api.createClient(checked.value);
      const path = `/clients/${encodeURIComponent(saved.id)}`;
      flash(client ? t('clients.form.saved') : t('clients.form.added', { name: saved.display_name }), path);
      navigate(path);
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError(FORM, { [err.field]: err.message }, FIELD_ORDER);
      }
    }
  };

  return (
    <Page title={client ? t('clients.form.editNamed', { name: client.display_name }) : t('clients.new')} before={back} narrow>
      <form class="card form" onSubmit={submit} noValidate>
        <ErrorMessage message={error} />
        <TextField
          form={FORM}
          name="display_name"
          label={t('clients.form.name')}
          hint={t('clients.form.nameHint')}
          required
          maxLength={MAX_NAME_LENGTH + 50}
          autoComplete="off"
          value={values.display_name}
          onValue={(v) => set('display_name', v)}
          error={errors.display_name}
        />
        <TextField
          form={FORM}
          name="birth_year"
          label={t('clients.detail.birthYear')}
          hint={t('clients.form.birthYearHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          value={values.birth_year}
          onValue={(v) => set('birth_year', v)}
          error={errors.birth_year}
        />
        <ChoiceGroup<ClientContext>
          form={FORM}
          name="contexts"
          label={t('clients.detail.contexts')}
          hint={t('clients.form.contextsHint')}
          type="checkbox"
          options={CLIENT_CONTEXTS.map((c) => ({ value: c, label: contextLabel(c) }))}
          selected={values.contexts}
          onChange={(v) => set('contexts', v)}
          error={errors.contexts}
        />
        <ChoiceGroup<ClientStatus>
          form={FORM}
          name="status"
          label={t('clients.detail.status')}
          type="radio"
          options={CLIENT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          selected={[values.status]}
          onChange={(v) => set('status', v[0] ?? 'active')}
          error={errors.status}
        />
        <div class="form__actions">
          <Button type="submit" busy={busy} busyLabel={t('clients.form.saving')}>
            {client ? t('clients.form.saveChanges') : t('clients.form.add')}
          </Button>
          <Link href={backHref} class="btn btn--quiet">
            {t('clients.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
