import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AuditEvent, User } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDateTime, roleLabel } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { usePaged } from '../../shared/usePaged';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { SelectField, TextField } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import { adminDisplayName, userOptionLabel } from './userLabel';
import './admin.css';

const PAGE_SIZE = 50;
// Suggestions only: the filter accepts any action, and actions seen in the log are added.
const COMMON_ACTIONS = ['auth.login', 'auth.logout', 'client.create', 'client.read', 'client.update', 'client.invite', 'user.create', 'user.update'];
const FILTER_DELAY_MS = 350;

export function AuditPage() {
  const { api } = useSession();
  const t = useT();
  const [users, setUsers] = useState<User[]>([]);
  const [action, setAction] = useState('');
  const [appliedAction, setAppliedAction] = useState('');
  const [actor, setActor] = useState('');

  useEffect(() => {
    // Names make the log readable; without them the log still works with ids.
    api.listAllUsers().then(setUsers, () => setUsers([]));
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => setAppliedAction(action.trim()), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [action]);

  const log = usePaged<AuditEvent>(`${appliedAction}|${actor}`, (cursor, signal) =>
    api.listAudit({ action: appliedAction, actor_id: actor, cursor, limit: PAGE_SIZE }, signal),
  );

  const names = useMemo(() => new Map(users.map((u) => [u.id, adminDisplayName(u)])), [users]);
  const knownActions = useMemo(() => [...new Set([...COMMON_ACTIONS, ...log.items.map((e) => e.action)])].sort(), [log.items]);
  const actorName = (e: AuditEvent) => {
    // Set-up and command-line actions have no signed-in actor; the server marks them "system".
    if (!e.actor_id) return e.actor_role === 'system' ? t('admin.audit.system') : t('admin.audit.anonymous');
    return names.get(e.actor_id) ?? e.actor_id;
  };

  return (
    <Page title={t('admin.audit.title')} intro={<p>{t('admin.audit.intro')}</p>}>
      <form class="filters" role="search" aria-label={t('admin.audit.filter')} onSubmit={(e) => { e.preventDefault(); setAppliedAction(action.trim()); }}>
        <TextField form="audit" name="action" label={t('admin.audit.action')} plain autoComplete="off" list="audit-actions"
          hint={t('admin.audit.actionHint')} value={action} onValue={setAction} />
        <datalist id="audit-actions">
          {knownActions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <SelectField form="audit" name="actor" label={t('admin.audit.who')} value={actor} onValue={setActor}
          options={[{ value: '', label: t('admin.audit.everyone') }, ...users.map((u) => ({ value: u.id, label: userOptionLabel(u) }))]} />
      </form>

      <ErrorMessage message={log.error} />
      {log.loading ? (
        <Loading label={t('admin.audit.loading')} />
      ) : log.items.length === 0 && !log.error ? (
        <EmptyState title={t('admin.audit.emptyTitle')}>
          <p>{t('admin.audit.emptyBody')}</p>
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="audit">
            <caption class="visually-hidden">{t('admin.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.record')}</th>
                <th scope="col">{t('admin.audit.outcome')}</th>
                <th scope="col">{t('admin.audit.from')}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t('admin.audit.when')}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td data-label={t('admin.audit.who')}>
                    <span>
                      {actorName(e)}
                      {e.actor_id && e.actor_role ? <span class="audit__role"> {roleLabel(e.actor_role)}</span> : null}
                    </span>
                  </td>
                  <td data-label={t('admin.audit.action')}>
                    <code>{e.action}</code>
                  </td>
                  <td data-label={t('admin.audit.record')} class="audit__object">
                    {e.object_type ? `${e.object_type} ${e.object_id ?? ''}` : '—'}
                  </td>
                  <td data-label={t('admin.audit.outcome')}>
                    <span class={`outcome outcome--${e.outcome === 'allowed' || e.outcome === 'ok' || e.outcome === 'success' ? 'ok' : 'no'}`}>
                      {e.outcome}
                    </span>
                  </td>
                  <td data-label={t('admin.audit.from')}>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasMore && !log.loading ? (
        <div class="load-more">
          <Button variant="secondary" busy={log.loadingMore} busyLabel={t('clients.loadingMore')} onClick={log.loadMore}>
            {t('clients.loadMore')}
          </Button>
        </div>
      ) : null}
    </Page>
  );
}
