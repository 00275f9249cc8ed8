import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { RESOURCE_CATEGORIES, type Resource, type ResourceCategory } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { SelectField, TextAreaField, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { categoryLabel, categorySingular } from '../resources/labels';
import { RatingsPanel } from '../resources/ResourcePage';
import { MAX_TITLE, validateProposal, type ProposalValues } from '../resources/validation';
import '../resources/resources.css';
import './portal.css';

export function portalResourcePath(resourceId: string): string {
  return `/portal/resources/${encodeURIComponent(resourceId)}`;
}

const back = (
  <Link href="/portal" class="back-link">
    Back to my space
  </Link>
);

/** Portal pages need the client record the login belongs to. */
function WithClientId({ title, children }: { title: string; children: (clientId: string) => ComponentChildren }) {
  const me = useMe();
  if (!me.user.client_id) {
    return (
      <Page title={title} before={back} narrow>
        <p class="alert alert--info">Your login is not linked to a client record yet. Please let your therapist or the practice know.</p>
      </Page>
    );
  }
  return <>{children(me.user.client_id)}</>;
}

/** One of my resources: what it is, and a way to say how available and active it is for me now. */
export function PortalResourcePage({ resourceId }: { resourceId: string }) {
  const { api } = useSession();
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
        <Page title="Resource" before={back} narrow>
          <ErrorMessage message={error} />
        </Page>
      </div>
    );
  }
  if (!resource) {
    return (
      <div class="portal">
        <Page title="Resource" before={back} narrow>
          <Loading label="Loading…" />
        </Page>
      </div>
    );
  }
  return (
    <div class="portal">
      <Page title={resource.title} before={back} narrow>
        <section class="card portal__card" aria-labelledby="about-resource">
          <h2 id="about-resource" class="card__title">
            {categorySingular(resource.category)}
          </h2>
          {resource.status === 'proposed' ? (
            <p class="banner banner--proposed">
              You added this on {formatDate(resource.created_at)}. Your therapist will look at it with you.
            </p>
          ) : null}
          {resource.description ? <p class="prewrap">{resource.description}</p> : null}
          {resource.evidence ? (
            <>
              <h3 class="portal__subhead">When it helped</h3>
              <p class="prewrap">{resource.evidence}</p>
            </>
          ) : null}
          {resource.stabilising ? (
            <p>
              <span class="tag tag--stable">Stabilising</span> This helps you in a hard moment; it is on your safety plan.
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
  return (
    <div class="portal">
      <WithClientId title="Add something you noticed">{(clientId) => <ProposeForm clientId={clientId} />}</WithClientId>
    </div>
  );
}

function ProposeForm({ clientId }: { clientId: string }) {
  const { api, flash } = useSession();
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
      flash(`Thank you. “${created.title}” is on your map now, with a dashed ring until you look at it with your therapist.`, '/portal');
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
    <Page title="Add something you noticed" before={back} narrow>
      <p class="portal__lead">
        Something you are good at, someone who is good for you, a place or a moment that went well: it all counts.
      </p>
      <form class="card form" onSubmit={submit} noValidate>
        <ErrorMessage message={error} />
        <TextField
          form="propose"
          name="title"
          label="I noticed I am good at … / this helps me:"
          hint="A few words, for example “Listening to friends” or “Cooking on Sundays”."
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
          label="What kind of thing is it?"
          value={values.category}
          onValue={(v) => set('category', v as ResourceCategory)}
          options={[
            ...(values.category === '' ? [{ value: '', label: 'Choose…' }] : []),
            ...RESOURCE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) })),
          ]}
          error={errors.category}
        />
        <TextAreaField
          form="propose"
          name="description"
          label="More about it"
          hint="When did you notice it? What does it give you?"
          value={values.description}
          onValue={(v) => set('description', v)}
          error={errors.description}
        />
        <div class="form__actions">
          <Button type="submit" busy={busy} busyLabel="Adding…">
            Add to my map
          </Button>
          <Link href="/portal" class="btn btn--quiet">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}
