import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { CASE_KINDS, type Case, type CaseKind, type Client } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { t as translate, useT, type MessageKey } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ChoiceGroup, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { CaseExercise, MemberMaps } from './CaseExtras';
import { CaseSection } from './CaseSection';
import { casePath, ownerResourcePath } from '../../shared/resources/paths';
import { clientPath } from '../../shared/ui/ClientSection';
import { MapView } from '../../shared/resources/MapView';
import { MAX_TITLE, validateCase, type CaseFormValues } from '../../shared/resources/validation';
import '../../shared/styles/resources.css';

const KIND_LABELS: Record<CaseKind, MessageKey> = { couple: 'context.couple', family: 'context.family', group: 'context.group' };

/** "Couple", "Family", "Group" in the reader's language (the same words as the contexts of care). */
export function caseKindLabel(kind: string): string {
  const key = (KIND_LABELS as Record<string, MessageKey>)[kind];
  return key ? translate(key) : kind;
}

/** Names of the clients the signed-in person may see; members outside it stay unnamed. */
function useClientNames(): Map<string, Client> | null {
  const { api } = useSession();
  const [clients, setClients] = useState<Map<string, Client> | null>(null);
  useEffect(() => {
    api
      .listAllClients()
      .then((list) => setClients(new Map(list.map((c) => [c.id, c]))))
      .catch(() => setClients(new Map()));
  }, []);
  return clients;
}

function memberNames(c: Case, clients: Map<string, Client> | null): string {
  if (!clients) return translate('resources.cases.memberCount', { count: c.member_ids.length });
  const known = c.member_ids.map((id) => clients.get(id)?.display_name).filter((n): n is string => Boolean(n));
  const unknown = c.member_ids.length - known.length;
  return [...known, ...(unknown > 0 ? [translate('resources.cases.others', { count: unknown })] : [])].join(', ');
}

export function CasesPage() {
  const { api } = useSession();
  const t = useT();
  const me = useMe();
  const [cases, setCases] = useState<Case[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const clients = useClientNames();
  const canCreate = me.user.role === 'therapist';

  useEffect(() => {
    api
      .listCases()
      .then((r) => setCases(r.items))
      .catch((err) => setError(messageOf(err)));
  }, []);

  return (
    <Page
      title={t('resources.cases.title')}
      actions={
        canCreate && !creating ? (
          <Button onClick={() => setCreating(true)}>
            {t('resources.cases.new')}
          </Button>
        ) : null
      }
      intro={<p>{t('resources.cases.intro')}</p>}
    >
      {creating ? <NewCaseForm clients={clients} onCancel={() => setCreating(false)} /> : null}
      <ErrorMessage message={error} />
      {!cases && !error ? (
        <Loading label={t('resources.cases.loading')} />
      ) : cases && cases.length === 0 ? (
        <EmptyState title={t('resources.cases.emptyTitle')}>
          <p>{canCreate ? t('resources.cases.emptyEditor') : t('resources.cases.emptyReader')}</p>
        </EmptyState>
      ) : (
        <ul class="client-list case-list">
          {(cases ?? []).map((c) => (
            <li key={c.id} class="client-card">
              <Link href={casePath(c.id)} class="client-card__link">
                <span class="client-card__name">{c.name}</span>
              </Link>
              <div class="client-card__meta">
                <span class={`chip chip--${c.kind}`}>{caseKindLabel(c.kind)}</span>
                <span>{memberNames(c, clients)}</span>
              </div>
              <p class="field__hint">{t('resources.cases.since', { date: formatDate(c.created_at) })}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function NewCaseForm({ clients, onCancel }: { clients: Map<string, Client> | null; onCancel: () => void }) {
  const { api, flash } = useSession();
  const t = useT();
  const me = useMe();
  const [values, setValues] = useState<CaseFormValues>({ kind: 'couple', name: '', member_ids: [] });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const order = ['kind', 'name', 'member_ids'];

  useEffect(() => {
    document.getElementById('case-kind-couple')?.focus();
  }, []);

  // A therapist builds a case only from their own caseload.
  const mine = clients ? [...clients.values()].filter((c) => c.therapist_ids.includes(me.user.id) && c.status !== 'closed') : [];

  const set = <K extends keyof CaseFormValues>(key: K, value: CaseFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateCase(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t('resources.form.correct'));
      focusFirstError('case', checked.errors, order);
      return;
    }
    setBusy(true);
    try {
      const created = await api.createCase(checked.value);
      flash(t('resources.cases.created', { name: created.name }), casePath(created.id));
      navigate(casePath(created.id));
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError('case', { [err.field]: err.message }, order);
      }
    }
  };

  return (
    <form id="new-case" class="card form new-case" onSubmit={submit} noValidate aria-labelledby="new-case-title">
      <h2 id="new-case-title" class="card__title">
        {t('resources.cases.new')}
      </h2>
      <ErrorMessage message={error} />
      <ChoiceGroup<CaseKind>
        form="case"
        name="kind"
        label={t('resources.cases.kind')}
        type="radio"
        hint={t('resources.cases.kindHint')}
        options={CASE_KINDS.map((k) => ({ value: k, label: caseKindLabel(k) }))}
        selected={values.kind ? [values.kind] : []}
        onChange={(v) => set('kind', v[0] ?? '')}
        error={errors.kind}
      />
      <TextField
        form="case"
        name="name"
        label={t('resources.cases.name')}
        hint={t('resources.cases.nameHint')}
        required
        maxLength={MAX_TITLE + 50}
        autoComplete="off"
        value={values.name}
        onValue={(v) => set('name', v)}
        error={errors.name}
      />
      {clients === null ? (
        <Loading label={t('resources.cases.loadingCaseload')} />
      ) : mine.length < 2 ? (
        <p class="alert alert--info">{t('resources.cases.tooFew')}</p>
      ) : (
        <ChoiceGroup<string>
          form="case"
          name="member_ids"
          label={t('resources.cases.members')}
          type="checkbox"
          options={mine.map((c) => ({ value: c.id, label: c.display_name }))}
          selected={values.member_ids}
          onChange={(v) => set('member_ids', v)}
          error={errors.member_ids}
        />
      )}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('resources.cases.creating')}>
          {t('resources.cases.create')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('resources.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function CaseDetailPage({ caseId }: { caseId: string }) {
  const clients = useClientNames();
  const t = useT();
  const me = useMe();
  const owner: Owner = { kind: 'case', id: caseId };
  return (
    <CaseSection
      caseId={caseId}
      title={(c) => c.name}
      actions={(c, editable) =>
        editable ? (
          <Link href={`${casePath(c.id)}/resources/new`} class="btn btn--primary">
            {t('resources.cases.addCollective')}
          </Link>
        ) : null
      }
    >
      {(c, editable) => (
        <div class="case-detail">
          <section class="card" aria-labelledby="members-title">
            <h2 id="members-title" class="card__title">
              {t('resources.cases.membersOf', { kind: c.kind })}
            </h2>
            <ul class="member-list">
              {c.member_ids.map((id) => {
                const client = clients?.get(id);
                return (
                  <li key={id}>
                    {client ? (
                      <Link href={clientPath(id, 'resources')}>{client.display_name}</Link>
                    ) : (
                      <span class="field__hint">{t('resources.cases.otherCaseload')}</span>
                    )}
                  </li>
                );
              })}
            </ul>
            <p class="field__hint">
              {c.therapist_ids.includes(me.user.id)
                ? t('resources.cases.youTherapist')
                : t('resources.cases.therapists', { count: c.therapist_ids.length })}
            </p>
          </section>
          <section class="card map-card" aria-labelledby="case-map-title">
            <h2 id="case-map-title" class="card__title">
              {t('resources.cases.collective')}
            </h2>
            <MapView
              owner={owner}
              whose={c.name}
              showVisibility
              hrefFor={(r) => ownerResourcePath(owner, r.id)}
              empty={
                <div class="empty">
                  <p class="empty__title">{t('resources.cases.collectiveEmptyTitle')}</p>
                  <div class="empty__body">
                    <p>{editable ? t('resources.cases.collectiveEmptyEditor') : t('resources.cases.collectiveEmptyReader')}</p>
                  </div>
                </div>
              }
            />
          </section>
          <MemberMaps c={c} clients={clients} />
          {editable ? <CaseExercise c={c} /> : null}
        </div>
      )}
    </CaseSection>
  );
}
