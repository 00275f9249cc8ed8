import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import type { Resource } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ClientSection, clientPath } from '../../shared/ui/ClientSection';
import { categoryLabel } from '../../shared/resources/labels';
import { MapView } from '../../shared/resources/MapView';

export function resourcePath(clientId: string, resourceId: string): string {
  return `${clientPath(clientId, 'resources')}/${encodeURIComponent(resourceId)}`;
}

export function ClientResourcesPage({ clientId }: { clientId: string }) {
  const t = useT();
  const [reloadKey, setReloadKey] = useState(0);
  const owner: Owner = { kind: 'client', id: clientId };
  return (
    <ClientSection
      clientId={clientId}
      tab="resources"
      title={t('resources.tab.map')}
      class="resources-page"
      actions={(_, editable) =>
        editable ? (
          <>
            <Link href={`${clientPath(clientId, 'resources')}/new`} class="btn btn--primary">
              {t('resources.map.add')}
            </Link>
            <Link href={clientPath(clientId, 'interview')} class="btn btn--secondary">
              {t('resources.tab.interview')}
            </Link>
          </>
        ) : null
      }
    >
      {(client, editable) => (
        <>
          <Proposals owner={owner} clientId={client.id} editable={editable} onChange={() => setReloadKey((k) => k + 1)} />
          <section class="card map-card" aria-labelledby="map-title">
            <h2 id="map-title" class="card__title">
              {t('resources.map.title', { name: client.display_name })}
            </h2>
            <MapView
              owner={owner}
              reloadKey={reloadKey}
              whose={client.display_name}
              showVisibility
              hrefFor={(r) => resourcePath(client.id, r.id)}
              empty={
                <div class="empty">
                  <p class="empty__title">{t('resources.map.emptyTitle')}</p>
                  <div class="empty__body">
                    {editable ? (
                      <p>{t('resources.map.emptyEditor', { name: client.display_name })}</p>
                    ) : (
                      <p>{t('resources.map.emptyReader')}</p>
                    )}
                  </div>
                </div>
              }
            />
          </section>
          <Archived clientId={client.id} reloadKey={reloadKey} />
        </>
      )}
    </ClientSection>
  );
}

/** Resources the client proposed in the portal, waiting for the therapist to confirm them. */
function Proposals({ owner, clientId, editable, onChange }: { owner: Owner; clientId: string; editable: boolean; onChange: () => void }) {
  const { api } = useSession();
  const t = useT();
  const [items, setItems] = useState<Resource[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api
      .listResources(owner, { status: 'proposed' })
      .then((page) => setItems(page.items.filter((r) => r.status === 'proposed')))
      .catch((err) => setError(messageOf(err)));
  }, [owner.id]);

  const confirm = async (r: Resource) => {
    setBusy(r.id);
    setError(null);
    try {
      await api.updateResource(r.id, { status: 'active' });
      setItems((list) => list.filter((x) => x.id !== r.id));
      setNotice(t('resources.proposals.confirmed', { title: r.title }));
      onChange();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {items.length > 0 ? (
        <section class="card proposals" aria-labelledby="proposals-title">
          <h2 id="proposals-title" class="card__title">
            {t('resources.proposals.title', { count: items.length })}
          </h2>
          <p class="field__hint">{t(editable ? 'resources.proposals.introEditor' : 'resources.proposals.intro')}</p>
          <ul class="proposals__list">
            {items.map((r) => (
              <li key={r.id} class="proposals__item">
                <div>
                  <Link href={resourcePath(clientId, r.id)} class="proposals__title">
                    {r.title}
                  </Link>
                  <p class="proposals__meta">
                    {t('resources.proposals.meta', { category: categoryLabel(r.category), date: formatDate(r.created_at) })}
                  </p>
                </div>
                {editable ? (
                  <Button small variant="secondary" busy={busy === r.id} busyLabel={t('resources.proposals.confirming')} onClick={() => void confirm(r)}>
                    {t('resources.proposals.confirm', { title: r.title.length > 24 ? `${r.title.slice(0, 23)}…` : r.title })}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Archived({ clientId, reloadKey }: { clientId: string; reloadKey: number }) {
  const { api } = useSession();
  const t = useT();
  const [items, setItems] = useState<Resource[] | null>(null);
  useEffect(() => {
    api
      .listResources({ kind: 'client', id: clientId }, { status: 'archived' })
      .then((page) => setItems(page.items.filter((r) => r.status === 'archived')))
      .catch(() => setItems([]));
  }, [clientId, reloadKey]);
  if (!items || items.length === 0) return null;
  return (
    <details class="archived no-print">
      <summary>{t('resources.archived.title', { count: items.length })}</summary>
      <ul class="archived__list">
        {items.map((r) => (
          <li key={r.id}>
            <Link href={resourcePath(clientId, r.id)}>{r.title}</Link> <span class="field__hint">({categoryLabel(r.category)})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
