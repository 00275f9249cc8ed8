import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { RESOURCE_CATEGORIES, type Client, type Resource } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatList } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { clientPath } from '../../shared/ui/ClientSection';
import { categoryLabel } from '../../shared/resources/labels';

/** On a client's overview: how full the resource map is, and what waits for confirmation. */
export function ResourceSummary({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const t = useT();
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
        {t('resources.summary.title')}
      </h2>
      <ErrorMessage message={error} />
      {items === null && !error ? <p class="field__hint">{t('resources.loading')}</p> : null}
      {items !== null ? (
        items.length === 0 ? (
          <p>{t('resources.map.emptyTitle')}</p>
        ) : (
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('resources.summary.onMap')}</dt>
              <dd>
                {stabilising > 0
                  ? t('resources.summary.countStabilising', { count: active.length, stabilising })
                  : t('resources.summary.count', { count: active.length })}
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('resources.summary.areas')}</dt>
              <dd>{covered.length > 0 ? formatList(covered.map(categoryLabel)) : t('resources.summary.noAreas')}</dd>
            </div>
            {proposed > 0 ? (
              <div class="facts__row">
                <dt>{t('resources.status.proposed')}</dt>
                <dd>{t('resources.summary.waiting', { count: proposed })}</dd>
              </div>
            ) : null}
          </dl>
        )
      ) : null}
      <div class="form__actions resource-summary__actions">
        <Link href={clientPath(client.id, 'resources')} class="btn btn--primary">
          {t('resources.summary.open')}
        </Link>
        {editable ? (
          <Link href={clientPath(client.id, 'interview')} class="btn btn--secondary">
            {t('resources.tab.interview')}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
