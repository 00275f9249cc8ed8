import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { User } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { escalationsSentence } from '../../shared/alerts/alerts';
import { NewUserForm } from './NewUserForm';
import { StaffSignInCard } from './StaffSignInCard';
import { UserCard } from './UserCard';
import { adminDisplayName, sortUsers } from './userLabel';
import './admin.css';

export function UsersPage() {
  const { api } = useSession();
  const t = useT();
  const me = useMe();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [escalations, setEscalations] = useState<{ count: number; hours: number | null } | null>(null);

  const load = async () => {
    try {
      setUsers(await api.listAllUsers());
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  useEffect(() => {
    void load();
    // A number only, never names or content: how many alerts wait past the practice's review time.
    Promise.all([api.alertEscalations(), api.getPracticeSettings().catch(() => null)])
      .then(([e, settings]) => setEscalations({ count: e.count, hours: settings?.alert_escalation_hours ?? null }))
      .catch(() => setEscalations(null));
  }, []);

  const sorted = useMemo(() => (users ? sortUsers(users) : []), [users]);
  const supervisors = useMemo(() => sorted.filter((u) => u.role === 'supervisor'), [sorted]);
  const therapists = useMemo(() => sorted.filter((u) => u.role === 'therapist' && u.active), [sorted]);
  const namesById = useMemo(() => new Map(sorted.map((u) => [u.id, adminDisplayName(u)])), [sorted]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const u of sorted) if (u.active) c[u.role] = (c[u.role] ?? 0) + 1;
    return c;
  }, [sorted]);

  return (
    <Page
      title={t('admin.users.title')}
      intro={<p>{t('admin.users.intro')}</p>}
      actions={
        creating ? null : (
          <Button
            onClick={() => {
              setNotice(null);
              setCreating(true);
            }}
          >
            {t('admin.users.add')}
          </Button>
        )
      }
    >
      {escalations ? (
        <p class={`admin-escalations alert alert--${escalations.count > 0 ? 'info' : 'success'}`}>
          {escalationsSentence(escalations.count, escalations.hours)} <Link href="/admin/safety">{t('admin.users.safetyLink')}</Link>
        </p>
      ) : null}
      <Notice message={notice} />
      {creating ? (
        <NewUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setNotice(t('admin.users.added', { name: adminDisplayName(user), email: user.email, role: user.role }));
            void load();
          }}
        />
      ) : null}

      <StaffSignInCard users={users} />
      <ErrorMessage message={error} />
      {users === null && !error ? (
        <Loading label={t('admin.users.loading')} />
      ) : users ? (
        <>
          <p class="summary">
            {t('admin.users.active', {
              therapists: counts.therapist ?? 0,
              supervisors: counts.supervisor ?? 0,
              admins: counts.admin ?? 0,
              clients: counts.client ?? 0,
            })}
          </p>
          <ul class="user-list" aria-label={t('admin.users.title')}>
            {sorted.map((u) => (
              <UserCard
                key={u.id}
                user={u}
                isSelf={u.id === me.user.id}
                supervisors={supervisors}
                therapists={therapists}
                namesById={namesById}
                onChanged={(updated) => {
                  setUsers((prev) => prev && prev.map((x) => (x.id === updated.id ? updated : x)));
                  // Supervision is two-sided; refetch so the supervisor's card shows the change too.
                  void load();
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
