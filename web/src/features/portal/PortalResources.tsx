import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { RESOURCE_CATEGORIES, type Resource, type ResourceCategory } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { BackToPortal } from '../../shared/ui/BackToPortal';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { SelectField, TextAreaField, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { categoryLabel, categorySingular } from '../../shared/resources/labels';
import { RatingsPanel } from '../../shared/resources/RatingsPanel';
import { MAX_TITLE, validateProposal, type ProposalValues } from '../../shared/resources/validation';
import '../../shared/styles/resources.css';
import '../../shared/styles/portal.css';
import { useT } from '../../shared/i18n';

/** Portal pages need the client record the login belongs to. */
function WithClientId({ title, children }: { title: string; children: (clientId: string) => ComponentChildren }) {
  const me = useMe();
  const t = useT();
  if (!me.user.client_id) {
    return (
      <Page title={title} before={<BackToPortal />} narrow>
        <p class="alert alert--info">{t('portal.notLinked')}</p>
      </Page>
    );
  }
  return <>{children(me.user.client_id)}</>;
}

/** One of my resources: what it is, and a way to say how available and active it is for me now. */
export function PortalResourcePage({ resourceId }: { resourceId: string }) {
  const { api } = useSession();
  const t = useT();
  const [resource, setResource] = useState<Resource | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getResource(resourceId)
      .then(setResource)
      .catch((err) => setError(messageOf(err)));
  }, [resourceId]);

  if (error) {
    return (
      <div class="portal">
        <Page title={t('portal.resource.title')} before={<BackToPortal />} narrow>
          <ErrorMessage message={error} />
        </Page>
      </div>
    );
  }
  if (!resource) {
    return (
      <div class="portal">
        <Page title={t('portal.resource.title')} before={<BackToPortal />} narrow>
          <Loading label={t('app.loading')} />
        </Page>
      </div>
    );
  }
  return (
    <div class="portal">
      <Page title={resource.title} before={<BackToPortal />} narrow>
        <section class="card portal__card" aria-labelledby="about-resource">
          <h2 id="about-resource" class="card__title">
            {categorySingular(resource.category)}
          </h2>
          {resource.status === 'proposed' ? (
            <p class="banner banner--proposed">{t('portal.resource.proposed', { date: formatDate(resource.created_at) })}</p>
          ) : null}
          {resource.description ? <p class="prewrap">{resource.description}</p> : null}
          {resource.evidence ? (
            <>
              <h3 class="portal__subhead">{t('portal.resource.evidence')}</h3>
              <p class="prewrap">{resource.evidence}</p>
            </>
          ) : null}
          {resource.stabilising ? (
            <p>
              <span class="tag tag--stable">{t('portal.resource.stabilisingTag')}</span> {t('portal.resource.stabilising')}
            </p>
          ) : null}
        </section>
        <RatingsPanel resource={resource} editable voice="client" onRated={setResource} />
      </Page>
    </div>
  );
}

const PROPOSAL_ORDER = ['title', 'category', 'description'];

export function PortalProposePage() {
  const t = useT();
  return (
    <div class="portal">
      <WithClientId title={t('portal.propose.title')}>{(clientId) => <ProposeForm clientId={clientId} />}</WithClientId>
    </div>
  );
}

function ProposeForm({ clientId }: { clientId: string }) {
  const { api, flash } = useSession();
  const t = useT();
  const [values, setValues] = useState<ProposalValues>({ title: '', category: '', description: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof ProposalValues>(key: K, value: ProposalValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = validateProposal(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError('propose', checked.errors, PROPOSAL_ORDER);
      return;
    }
    setBusy(true);
    try {
      const created = await api.createResource({ kind: 'client', id: clientId }, checked.value);
      flash(t('portal.propose.saved', { title: created.title }), '/portal');
      navigate('/portal');
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError('propose', { [err.field]: err.message }, PROPOSAL_ORDER);
      }
    }
  };

  return (
    <Page title={t('portal.propose.title')} before={<BackToPortal />} narrow>
      <p class="portal__lead">{t('portal.propose.lead')}</p>
      <form class="card form" onSubmit={submit} noValidate>
        <ErrorMessage message={error} />
        <TextField
          form="propose"
          name="title"
          label={t('portal.propose.what')}
          hint={t('portal.propose.whatHint')}
          required
          maxLength={MAX_TITLE + 50}
          autoComplete="off"
          value={values.title}
          onValue={(v) => set('title', v)}
          error={errors.title}
        />
        <SelectField
          form="propose"
          name="category"
          label={t('portal.propose.kind')}
          value={values.category}
          onValue={(v) => set('category', v as ResourceCategory)}
          options={[
            ...(values.category === '' ? [{ value: '', label: t('portal.propose.choose') }] : []),
            ...RESOURCE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) })),
          ]}
          error={errors.category}
        />
        <TextAreaField
          form="propose"
          name="description"
          label={t('portal.propose.more')}
          hint={t('portal.propose.moreHint')}
          value={values.description}
          onValue={(v) => set('description', v)}
          error={errors.description}
        />
        <div class="form__actions">
          <Button type="submit" busy={busy} busyLabel={t('portal.propose.adding')}>
            {t('portal.propose.submit')}
          </Button>
          <Link href="/portal" class="btn btn--quiet">
            {t('portal.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
