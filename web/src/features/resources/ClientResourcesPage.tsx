import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import type { Resource } from '../../api/types';
import { useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ClientSection, clientPath } from './ClientSection';
import { categoryLabel } from './labels';
import { MapView } from './MapView';

export function resourcePath(clientId: string, resourceId: string): string {
  return `${clientPath(clientId, 'resources')}/${encodeURIComponent(resourceId)}`;
}

export function ClientResourcesPage({ clientId }: { clientId: string }) {
  const [reloadKey, setReloadKey] = useState(0);
  const owner: Owner = { kind: 'client', id: clientId };
  return (
    <ClientSection
      clientId={clientId}
      tab="resources"
      title="Resource map"
      class="resources-page"
      actions={(_, editable) =>
        editable ? (
          <>
            <Link href={`${clientPath(clientId, 'resources')}/new`} class="btn btn--primary">
              Add resource
            </Link>
            <Link href={clientPath(clientId, 'interview')} class="btn btn--secondary">
              Resource interview
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
              What {client.display_name} can draw on
            </h2>
            <MapView
              owner={owner}
              reloadKey={reloadKey}
              whose={client.display_name}
              showVisibility
              hrefFor={(r) => resourcePath(client.id, r.id)}
              empty={
                <div class="empty">
                  <p class="empty__title">No resources recorded yet.</p>
                  <div class="empty__body">
                    {editable ? (
                      <p>
                        Add what already helps {client.display_name}, or walk through the guided interview together, one
                        area of life at a time.
                      </p>
                    ) : (
                      <p>When the care team records resources, they appear here.</p>
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
      setNotice(`“${r.title}” is confirmed and stays on the map.`);
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
            Proposed by the client ({items.length})
          </h2>
          <p class="field__hint">
            The client noticed these themselves. {editable ? 'Confirm them to keep them, or open one to edit or archive it.' : ''}
          </p>
          <ul class="proposals__list">
            {items.map((r) => (
              <li key={r.id} class="proposals__item">
                <div>
                  <Link href={resourcePath(clientId, r.id)} class="proposals__title">
                    {r.title}
                  </Link>
                  <p class="proposals__meta">
                    {categoryLabel(r.category)} · proposed {formatDate(r.created_at)}
                  </p>
                </div>
                {editable ? (
                  <Button small variant="secondary" busy={busy === r.id} busyLabel="Confirming…" onClick={() => void confirm(r)}>
                    Confirm “{r.title.length > 24 ? `${r.title.slice(0, 23)}…` : r.title}”
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
      <summary>Archived resources ({items.length})</summary>
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
