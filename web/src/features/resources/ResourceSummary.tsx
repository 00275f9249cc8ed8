import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { RESOURCE_CATEGORIES, type Client, type Resource } from '../../api/types';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { clientPath } from './ClientSection';
import { categoryLabel } from './labels';

/** On a client's overview: how full the resource map is, and what waits for confirmation. */
export function ResourceSummary({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const [items, setItems] = useState<Resource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .listResources({ kind: 'client', id: client.id })
      .then((r) => setItems(r.items))
      .catch((err) => setError(messageOf(err)));
  }, [client.id]);

  const proposed = items?.filter((r) => r.status === 'proposed').length ?? 0;
  const active = items?.filter((r) => r.status === 'active') ?? [];
  const covered = RESOURCE_CATEGORIES.filter((c) => active.some((r) => r.category === c));
  const stabilising = active.filter((r) => r.stabilising).length;

  return (
    <section class="card resource-summary" aria-labelledby="summary-title">
      <h2 id="summary-title" class="card__title">
        Resources
      </h2>
      <ErrorMessage message={error} />
      {items === null && !error ? <p class="field__hint">Loading…</p> : null}
      {items !== null ? (
        items.length === 0 ? (
          <p>No resources recorded yet.</p>
        ) : (
          <dl class="facts">
            <div class="facts__row">
              <dt>On the map</dt>
              <dd>
                {active.length} {active.length === 1 ? 'resource' : 'resources'}
                {stabilising > 0 ? `, ${stabilising} stabilising` : ''}
              </dd>
            </div>
            <div class="facts__row">
              <dt>Areas covered</dt>
              <dd>{covered.length > 0 ? covered.map(categoryLabel).join(', ') : 'None yet'}</dd>
            </div>
            {proposed > 0 ? (
              <div class="facts__row">
                <dt>Proposed by the client</dt>
                <dd>
                  <strong>{proposed}</strong> waiting for confirmation
                </dd>
              </div>
            ) : null}
          </dl>
        )
      ) : null}
      <div class="form__actions resource-summary__actions">
        <Link href={clientPath(client.id, 'resources')} class="btn btn--primary">
          Open the resource map
        </Link>
        {editable ? (
          <Link href={clientPath(client.id, 'interview')} class="btn btn--secondary">
            Resource interview
          </Link>
        ) : null}
      </div>
    </section>
  );
}
