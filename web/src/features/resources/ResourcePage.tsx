import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { RESOURCE_CATEGORIES, RESOURCE_SOURCES, type Resource, type ResourceCategory } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { CheckboxField, SelectField, TextAreaField, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import type { FieldErrors } from '../../shared/validation';
import { CaseSection } from './CaseSection';
import { casePath, ownerResourcePath } from '../../shared/resources/paths';
import { ClientSection, clientPath } from '../../shared/ui/ClientSection';
import { categoryLabel, resourceStatusLabel, sourceLabel } from '../../shared/resources/labels';
import { RatingsPanel } from '../../shared/resources/RatingsPanel';
import { shortDescription, useStrengths } from './useStrengths';
import {
  MAX_TITLE,
  emptyResourceForm,
  forCreate,
  resourceFormValues,
  validateResource,
  type ResourceFormValues,
} from '../../shared/resources/validation';

const FORM = 'resource';
const FIELD_ORDER = ['title', 'category', 'description', 'source', 'strength_code', 'evidence', 'therapist_note'] as const;

export function ownerResourcesPath(owner: Owner): string {
  return owner.kind === 'client' ? clientPath(owner.id, 'resources') : casePath(owner.id);
}

/** A translated sentence whose **marked** words are shown in bold (the catalogue keeps the sentence whole). */
function withBold(text: string): ComponentChildren {
  return text.split('**').map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part));
}

/** Picks the client or case frame around a resource page. */
function Frame(props: { owner: Owner; title: string; children: (editable: boolean, ownerName: string) => ComponentChildren }) {
  const t = useT();
  if (props.owner.kind === 'client') {
    return (
      <ClientSection
        clientId={props.owner.id}
        tab="resources"
        title={props.title}
        back={{ href: ownerResourcesPath(props.owner), label: t('resources.resource.backToMap') }}
      >
        {(client, editable) => props.children(editable, client.display_name)}
      </ClientSection>
    );
  }
  return (
    <CaseSection caseId={props.owner.id} title={props.title} back={{ href: casePath(props.owner.id), label: t('resources.resource.backToCase') }}>
      {(c, editable) => props.children(editable, c.name)}
    </CaseSection>
  );
}

/** `/clients/:id/resources/:rid`, `/clients/:id/resources/new` and the same under `/cases/:id`. */
export function ResourcePage({ owner, resourceId, search = '' }: { owner: Owner; resourceId: string | null; search?: string }) {
  const { api } = useSession();
  const t = useT();
  const [resource, setResource] = useState<Resource | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!resourceId) return;
    api
      .getResource(resourceId)
      .then(setResource)
      .catch((err) => setError(messageOf(err)));
  }, [resourceId]);

  const title = resourceId ? (resource?.title ?? t('resources.resource.title')) : t('resources.resource.new');
  const preset = new URLSearchParams(search).get('category') ?? '';
  const category = (RESOURCE_CATEGORIES as readonly string[]).includes(preset) ? (preset as ResourceCategory) : '';

  return (
    <Frame owner={owner} title={title}>
      {(editable, ownerName) => {
        if (error) return <ErrorMessage message={error} />;
        if (resourceId && !resource) return <Loading label={t('resources.resource.loading')} />;
        if (!resourceId && !editable) return <p class="alert alert--info">{t('resources.resource.careTeamOnly')}</p>;
        return (
          <ResourceEditor
            key={resource?.id ?? 'new'}
            owner={owner}
            ownerName={ownerName}
            resource={resource}
            defaultCategory={category}
            editable={editable}
            onChange={setResource}
          />
        );
      }}
    </Frame>
  );
}

interface EditorProps {
  owner: Owner;
  ownerName: string;
  resource: Resource | null;
  defaultCategory: ResourceCategory | '';
  editable: boolean;
  onChange: (r: Resource) => void;
}

function ResourceEditor(props: EditorProps) {
  const { api, flash } = useSession();
  const t = useT();
  const strengths = useStrengths();
  const existing = props.resource;
  const [values, setValues] = useState<ResourceFormValues>(() =>
    existing ? resourceFormValues(existing) : emptyResourceForm(props.defaultCategory),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'status' | null>(null);

  const set = <K extends keyof ResourceFormValues>(key: K, value: ResourceFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = validateResource(
      values,
      strengths.map((s) => s.code),
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t('resources.form.correct'));
      focusFirstError(FORM, checked.errors, FIELD_ORDER);
      return;
    }
    setErrors({});
    setBusy('save');
    try {
      if (existing) {
        const saved = await api.updateResource(existing.id, checked.value);
        props.onChange(saved);
        setNotice(t('resources.changesSaved'));
      } else {
        const saved = await api.createResource(props.owner, forCreate(checked.value));
        const path = ownerResourcePath(props.owner, saved.id);
        flash(t('resources.resource.added', { title: saved.title, category: categoryLabel(saved.category) }), path);
        navigate(path);
      }
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError(FORM, { [err.field]: err.message }, FIELD_ORDER);
      }
    } finally {
      setBusy(null);
    }
  };

  const changeStatus = async (to: 'active' | 'archived') => {
    if (!existing) return;
    setError(null);
    setNotice(null);
    setBusy('status');
    try {
      const saved = to === 'archived' ? await api.archiveResource(existing.id) : await api.updateResource(existing.id, { status: 'active' });
      props.onChange(saved);
      setNotice(
        to === 'archived'
          ? t('resources.resource.archived')
          : existing.status === 'proposed'
            ? t('resources.resource.confirmed')
            : t('resources.resource.restored'),
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const strength = strengths.find((s) => s.code === values.strength_code);
  const owner = props.owner.kind;

  return (
    <>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {existing?.status === 'proposed' ? (
        <div class="banner banner--proposed">
          <p>{withBold(t('resources.resource.proposedBanner', { name: props.ownerName, date: formatDate(existing.created_at) }))}</p>
          {props.editable ? (
            <Button busy={busy === 'status'} busyLabel={t('resources.resource.confirming')} onClick={() => void changeStatus('active')}>
              {t('resources.resource.confirm')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {existing?.status === 'archived' ? (
        <div class="banner banner--archived">
          <p>{withBold(t('resources.resource.archivedBanner', { date: formatDate(existing.updated_at) }))}</p>
          {props.editable ? (
            <Button
              variant="secondary"
              busy={busy === 'status'}
              busyLabel={t('resources.resource.restoring')}
              onClick={() => void changeStatus('active')}
            >
              {t('resources.resource.restore')}
            </Button>
          ) : null}
        </div>
      ) : null}

      <div class={existing ? 'editor-grid' : ''}>
        {props.editable ? (
          <form class="card form" onSubmit={submit} noValidate aria-labelledby="details-title">
            <h2 id="details-title" class="card__title">
              {existing ? t('resources.resource.details') : t('resources.resource.newOf', { name: props.ownerName })}
            </h2>
            <TextField
              form={FORM}
              name="title"
              label={t('resources.resource.titleLabel')}
              hint={t('resources.resource.titleHint')}
              required
              maxLength={MAX_TITLE + 50}
              autoComplete="off"
              value={values.title}
              onValue={(v) => set('title', v)}
              error={errors.title}
            />
            <SelectField
              form={FORM}
              name="category"
              label={t('resources.resource.kindLabel')}
              value={values.category}
              onValue={(v) => set('category', v as ResourceCategory)}
              options={[
                ...(values.category === '' ? [{ value: '', label: t('resources.resource.choose') }] : []),
                ...RESOURCE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) })),
              ]}
              error={errors.category}
            />
            <TextAreaField
              form={FORM}
              name="description"
              label={t('resources.description')}
              value={values.description}
              onValue={(v) => set('description', v)}
              error={errors.description}
            />
            <TextAreaField
              form={FORM}
              name="evidence"
              label={t('resources.resource.evidence')}
              hint={t('resources.resource.evidenceHint')}
              value={values.evidence}
              onValue={(v) => set('evidence', v)}
              error={errors.evidence}
            />
            <div class="form__grid">
              <SelectField
                form={FORM}
                name="source"
                label={t('resources.resource.source')}
                value={values.source}
                onValue={(v) => set('source', v as ResourceFormValues['source'])}
                options={RESOURCE_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))}
                error={errors.source}
              />
              <SelectField
                form={FORM}
                name="strength_code"
                label={t('resources.resource.strength')}
                hint={strength ? `${strength.name}: ${strength.description}` : t('resources.resource.strengthHint')}
                value={values.strength_code}
                onValue={(v) => set('strength_code', v)}
                options={[
                  { value: '', label: t('resources.resource.noStrength') },
                  ...(values.strength_code !== '' && !strength ? [{ value: values.strength_code, label: values.strength_code }] : []),
                  ...strengths.map((s) => ({ value: s.code, label: `${s.name} – ${shortDescription(s.description, 48)}` })),
                ]}
                error={errors.strength_code}
              />
            </div>
            <CheckboxField
              form={FORM}
              name="stabilising"
              label={t('resources.resource.stabilisingLabel')}
              hint={t('resources.resource.stabilisingHint')}
              checked={values.stabilising}
              onChecked={(v) => set('stabilising', v)}
            />
            <CheckboxField
              form={FORM}
              name="visible_to_client"
              label={t('resources.resource.visible', { owner })}
              checked={values.visible_to_client}
              onChecked={(v) => set('visible_to_client', v)}
            />
            <TextAreaField
              form={FORM}
              name="therapist_note"
              label={t('resources.resource.note')}
              hint={t('resources.resource.noteHint', { owner })}
              value={values.therapist_note}
              onValue={(v) => set('therapist_note', v)}
              error={errors.therapist_note}
            />
            <div class="form__actions">
              <Button type="submit" busy={busy === 'save'} busyLabel={t('resources.saving')}>
                {existing ? t('resources.saveChanges') : t('resources.map.add')}
              </Button>
              {existing && existing.status !== 'archived' ? (
                <Button
                  variant="danger"
                  busy={busy === 'status'}
                  busyLabel={t('resources.resource.archiving')}
                  onClick={() => void changeStatus('archived')}
                >
                  {t('resources.resource.archive')}
                </Button>
              ) : null}
              {!existing ? (
                <Link href={ownerResourcesPath(props.owner)} class="btn btn--quiet">
                  {t('resources.cancel')}
                </Link>
              ) : null}
            </div>
          </form>
        ) : existing ? (
          <ReadOnlyDetails resource={existing} strengthName={strength?.name} />
        ) : null}

        {existing ? <RatingsPanel resource={existing} editable={props.editable} onRated={props.onChange} /> : null}
      </div>
    </>
  );
}

function ReadOnlyDetails({ resource, strengthName }: { resource: Resource; strengthName: string | undefined }) {
  const t = useT();
  const rows: [string, ComponentChildren][] = [
    [t('resources.resource.kind'), categoryLabel(resource.category)],
    [t('resources.statusLabel'), resourceStatusLabel(resource.status)],
    [t('resources.resource.source'), sourceLabel(resource.source)],
  ];
  if (resource.description) rows.push([t('resources.description'), resource.description]);
  if (resource.evidence) rows.push([t('resources.resource.evidenceShort'), resource.evidence]);
  if (resource.strength_code) rows.push([t('resources.resource.strengthShort'), strengthName ?? resource.strength_code]);
  rows.push([t('resources.list.stabilising'), resource.stabilising ? t('resources.resource.stabilisingYes') : t('resources.resource.no')]);
  rows.push([t('resources.resource.inPortal'), resource.visible_to_client ? t('resources.resource.shown') : t('resources.resource.notShown')]);
  if (resource.therapist_note) rows.push([t('resources.resource.note'), resource.therapist_note]);
  return (
    <section class="card" aria-labelledby="details-title">
      <h2 id="details-title" class="card__title">
        {t('resources.resource.details')}
      </h2>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <div class="facts__row" key={k}>
            <dt>{k}</dt>
            <dd class="prewrap">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
