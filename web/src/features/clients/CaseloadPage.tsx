import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CLIENT_STATUSES, type Client, type ClientStatus } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { statusLabel } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { usePaged } from '../../shared/usePaged';
import { Button } from '../../shared/ui/Button';
import { ContextChips, StatusBadge } from '../../shared/ui/Chip';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { SelectField, TextField } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { useNextSessions } from '../../shared/sessions/useNextSessions';
import { sessionWhen } from '../../shared/sessions/week';
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

/** `alerts`: the open risk alerts across the caseload (the app shell passes them in from measures). */
export function CaseloadPage({ search, alerts }: { search: string; alerts?: ComponentChildren }) {
  const { api } = useSession();
  const t = useT();
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
  const title = me.user.role === 'supervisor' ? t('clients.caseload.titleSupervisor') : t('clients.caseload.title');

  return (
    <Page
      title={title}
      actions={
        canCreate ? (
          <Link href="/clients/new" class="btn btn--primary">
            {t('clients.new')}
          </Link>
        ) : null
      }
      intro={
        me.user.role === 'supervisor' ? (
          <p>{t('clients.caseload.supervisorIntro')}</p>
        ) : null
      }
    >
      {alerts}
      <form
        class="filters"
        role="search"
        aria-label={t('clients.filter.label')}
        onSubmit={(e) => {
          e.preventDefault();
          writeFilters(status, query);
        }}
      >
        <TextField
          form="caseload"
          name="q"
          label={t('clients.filter.search')}
          type="search"
          value={query}
          onValue={setQuery}
          plain
          autoComplete="off"
        />
        <SelectField
          form="caseload"
          name="status"
          label={t('clients.filter.status')}
          value={status}
          onValue={(value) => writeFilters(value, query)}
          options={[{ value: '', label: t('clients.filter.allStatuses') }, ...CLIENT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
        />
      </form>

      <ErrorMessage message={list.error} />
      <p class="visually-hidden" aria-live="polite">
        {list.loading ? '' : t(list.hasMore ? 'clients.shownOrMore' : 'clients.shown', { count: list.items.length })}
      </p>

      {list.loading ? (
        <Loading label={t('clients.loading')} />
      ) : list.items.length === 0 && !list.error ? (
        filtered ? (
          <EmptyState title={t('clients.empty.filteredTitle')}>
            <p>{t('clients.empty.filteredBody')}</p>
          </EmptyState>
        ) : canCreate ? (
          <EmptyState title={t('clients.empty.ownTitle')}>
            <p>{t('clients.empty.ownBody')}</p>
          </EmptyState>
        ) : (
          <EmptyState title={t('clients.empty.supervisedTitle')}>
            <p>{t('clients.empty.supervisedBody')}</p>
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
                <span class="client-card__year">{c.birth_year ? t('clients.born', { year: String(c.birth_year) }) : t('clients.birthYearUnknown')}</span>
              </div>
              {nextSessions.has(c.id) ? (
                <p class="client-card__next">
                  {t('clients.nextSession')} <time dateTime={nextSessions.get(c.id)!.starts_at}>{sessionWhen(nextSessions.get(c.id)!.starts_at)}</time>
                </p>
              ) : null}
              <ContextChips contexts={c.contexts} />
            </li>
          ))}
        </ul>
      )}

      {list.hasMore && !list.loading ? (
        <div class="load-more">
          <Button variant="secondary" busy={list.loadingMore} busyLabel={t('clients.loadingMore')} onClick={list.loadMore}>
            {t('clients.loadMore')}
          </Button>
        </div>
      ) : null}
    </Page>
  );
}
