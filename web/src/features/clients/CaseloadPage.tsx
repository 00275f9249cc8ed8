import { useEffect, useState } from 'preact/hooks';
import { CLIENT_STATUSES, type Client, type ClientStatus } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { statusLabel } from '../../shared/format';
import { navigate } from '../../shared/router';
import { usePaged } from '../../shared/usePaged';
import { Button } from '../../shared/ui/Button';
import { ContextChips, StatusBadge } from '../../shared/ui/Chip';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { SelectField, TextField } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { CaseloadAlerts } from '../measures/Alerts';
import { useNextSessions } from '../sessions/ClientSessionsPage';
import { sessionWhen } from '../sessions/week';
import './clients.css';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/** Filters live in the address, so Back and a reload keep what the person chose. */
function readFilters(search: string): { status: ClientStatus | ''; q: string } {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  return {
    status: (CLIENT_STATUSES as readonly string[]).includes(status) ? (status as ClientStatus) : '',
    q: params.get('q') ?? '',
  };
}

function writeFilters(status: string, q: string): void {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q.trim()) params.set('q', q.trim());
  const qs = params.toString();
  navigate(qs ? `/clients?${qs}` : '/clients', { replace: true });
}

export function CaseloadPage({ search }: { search: string }) {
  const { api } = useSession();
  const me = useMe();
  const canCreate = me.user.role === 'therapist';
  const { status, q } = readFilters(search);
  const [query, setQuery] = useState(q);

  // Back/forward changes the address under the search box; follow it.
  useEffect(() => {
    if (q.trim() !== query.trim()) setQuery(q);
  }, [q]);

  useEffect(() => {
    if (query.trim() === q.trim()) return;
    const timer = setTimeout(() => writeFilters(status, query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const nextSessions = useNextSessions();
  const list = usePaged<Client>(`${status}|${q}`, (cursor, signal) =>
    api.listClients({ status, q, cursor, limit: PAGE_SIZE }, signal),
  );

  const filtered = status !== '' || q.trim() !== '';
  const title = me.user.role === 'supervisor' ? 'Supervised caseloads' : 'Your caseload';

  return (
    <Page
      title={title}
      actions={
        canCreate ? (
          <Link href="/clients/new" class="btn btn--primary">
            New client
          </Link>
        ) : null
      }
      intro={
        me.user.role === 'supervisor' ? (
          <p>Clients of the therapists you supervise. You can read their records; changes are made by their therapists.</p>
        ) : null
      }
    >
      <CaseloadAlerts />
      <form
        class="filters"
        role="search"
        aria-label="Filter clients"
        onSubmit={(e) => {
          e.preventDefault();
          writeFilters(status, query);
        }}
      >
        <TextField
          form="caseload"
          name="q"
          label="Search by name"
          type="search"
          value={query}
          onValue={setQuery}
          plain
          autoComplete="off"
        />
        <SelectField
          form="caseload"
          name="status"
          label="Status"
          value={status}
          onValue={(value) => writeFilters(value, query)}
          options={[{ value: '', label: 'All statuses' }, ...CLIENT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
        />
      </form>

      <ErrorMessage message={list.error} />
      <p class="visually-hidden" aria-live="polite">
        {list.loading ? '' : `${list.items.length}${list.hasMore ? ' or more' : ''} clients shown.`}
      </p>

      {list.loading ? (
        <Loading label="Loading clients…" />
      ) : list.items.length === 0 && !list.error ? (
        filtered ? (
          <EmptyState title="No clients match these filters.">
            <p>Check the spelling of the name, or choose “All statuses” to include paused and closed clients.</p>
          </EmptyState>
        ) : canCreate ? (
          <EmptyState title="Your caseload is empty.">
            <p>Add the first person you work with using “New client”. A pseudonym or initials are enough.</p>
          </EmptyState>
        ) : (
          <EmptyState title="There are no clients to show yet.">
            <p>When the therapists you supervise add clients, they appear here.</p>
          </EmptyState>
        )
      ) : (
        <ul class="client-list">
          {list.items.map((c) => (
            <li key={c.id} class="client-card">
              <Link href={`/clients/${encodeURIComponent(c.id)}`} class="client-card__link">
                <span class="client-card__name">{c.display_name}</span>
              </Link>
              <div class="client-card__meta">
                <StatusBadge status={c.status} />
                <span class="client-card__year">{c.birth_year ? `Born ${c.birth_year}` : 'Birth year not recorded'}</span>
              </div>
              {nextSessions.has(c.id) ? (
                <p class="client-card__next">
                  Next session: <time dateTime={nextSessions.get(c.id)!.starts_at}>{sessionWhen(nextSessions.get(c.id)!.starts_at)}</time>
                </p>
              ) : null}
              <ContextChips contexts={c.contexts} />
            </li>
          ))}
        </ul>
      )}

      {list.hasMore && !list.loading ? (
        <div class="load-more">
          <Button variant="secondary" busy={list.loadingMore} busyLabel="Loading…" onClick={list.loadMore}>
            Load more
          </Button>
        </div>
      ) : null}
    </Page>
  );
}
