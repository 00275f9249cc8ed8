import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { CASE_KINDS, type Case, type CaseKind, type Client } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ChoiceGroup, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { CaseExercise, MemberMaps } from './CaseExtras';
import { CaseSection, casePath } from './CaseSection';
import { clientPath } from './ClientSection';
import { MapView } from './MapView';
import { ownerResourcePath } from './ResourcePage';
import { MAX_TITLE, validateCase, type CaseFormValues } from './validation';
import './resources.css';

const KIND_LABELS: Record<CaseKind, string> = { couple: 'Couple', family: 'Family', group: 'Group' };

export function caseKindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
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
  if (!clients) return `${c.member_ids.length} members`;
  const known = c.member_ids.map((id) => clients.get(id)?.display_name).filter((n): n is string => Boolean(n));
  const unknown = c.member_ids.length - known.length;
  return [...known, ...(unknown > 0 ? [`${unknown} other${unknown === 1 ? '' : 's'}`] : [])].join(', ');
}

export function CasesPage() {
  const { api } = useSession();
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
      title="Cases"
      actions={
        canCreate && !creating ? (
          <Button onClick={() => setCreating(true)}>
            New case
          </Button>
        ) : null
      }
      intro={<p>Couples, families and groups you work with together. A case has its own map of collective resources.</p>}
    >
      {creating ? <NewCaseForm clients={clients} onCancel={() => setCreating(false)} /> : null}
      <ErrorMessage message={error} />
      {!cases && !error ? (
        <Loading label="Loading cases…" />
      ) : cases && cases.length === 0 ? (
        <EmptyState title="No cases yet.">
          <p>{canCreate ? 'Create a couple, family or group case from clients on your caseload with “New case”.' : 'Cases appear here when therapists create them.'}</p>
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
              <p class="field__hint">Since {formatDate(c.created_at)}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function NewCaseForm({ clients, onCancel }: { clients: Map<string, Client> | null; onCancel: () => void }) {
  const { api, flash } = useSession();
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
      setError('Please correct the highlighted fields.');
      focusFirstError('case', checked.errors, order);
      return;
    }
    setBusy(true);
    try {
      const created = await api.createCase(checked.value);
      flash(`The case “${created.name}” was created.`, casePath(created.id));
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
        New case
      </h2>
      <ErrorMessage message={error} />
      <ChoiceGroup<CaseKind>
        form="case"
        name="kind"
        label="Kind"
        type="radio"
        hint="A couple has exactly two members; a family or group at least two."
        options={CASE_KINDS.map((k) => ({ value: k, label: caseKindLabel(k) }))}
        selected={values.kind ? [values.kind] : []}
        onChange={(v) => set('kind', v[0] ?? '')}
        error={errors.kind}
      />
      <TextField
        form="case"
        name="name"
        label="Name of the case"
        hint="For example “Sara & Tom” or “Wednesday group”."
        required
        maxLength={MAX_TITLE + 50}
        autoComplete="off"
        value={values.name}
        onValue={(v) => set('name', v)}
        error={errors.name}
      />
      {clients === null ? (
        <Loading label="Loading your caseload…" />
      ) : mine.length < 2 ? (
        <p class="alert alert--info">A case needs at least two clients from your caseload.</p>
      ) : (
        <ChoiceGroup<string>
          form="case"
          name="member_ids"
          label="Members"
          type="checkbox"
          options={mine.map((c) => ({ value: c.id, label: c.display_name }))}
          selected={values.member_ids}
          onChange={(v) => set('member_ids', v)}
          error={errors.member_ids}
        />
      )}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel="Creating…">
          Create case
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function CaseDetailPage({ caseId }: { caseId: string }) {
  const clients = useClientNames();
  const me = useMe();
  const owner: Owner = { kind: 'case', id: caseId };
  return (
    <CaseSection
      caseId={caseId}
      title={(c) => c.name}
      actions={(c, editable) =>
        editable ? (
          <Link href={`${casePath(c.id)}/resources/new`} class="btn btn--primary">
            Add collective resource
          </Link>
        ) : null
      }
    >
      {(c, editable) => (
        <div class="case-detail">
          <section class="card" aria-labelledby="members-title">
            <h2 id="members-title" class="card__title">
              {caseKindLabel(c.kind)}: members
            </h2>
            <ul class="member-list">
              {c.member_ids.map((id) => {
                const client = clients?.get(id);
                return (
                  <li key={id}>
                    {client ? (
                      <Link href={clientPath(id, 'resources')}>{client.display_name}</Link>
                    ) : (
                      <span class="field__hint">A client on another therapist’s caseload</span>
                    )}
                  </li>
                );
              })}
            </ul>
            <p class="field__hint">
              {c.therapist_ids.includes(me.user.id) ? 'You are one of the case’s therapists.' : `${c.therapist_ids.length} therapist(s).`} Each
              member’s own resources are on their own map.
            </p>
          </section>
          <section class="card map-card" aria-labelledby="case-map-title">
            <h2 id="case-map-title" class="card__title">
              Collective resources
            </h2>
            <MapView
              owner={owner}
              whose={c.name}
              showVisibility
              hrefFor={(r) => ownerResourcePath(owner, r.id)}
              empty={
                <div class="empty">
                  <p class="empty__title">No collective resources yet.</p>
                  <div class="empty__body">
                    <p>
                      {editable
                        ? 'What the members share and draw on together: rituals, shared successes, places, people. Add the first with “Add collective resource”.'
                        : 'When the case’s therapists record shared resources, they appear here.'}
                    </p>
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
