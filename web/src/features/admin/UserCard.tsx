import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { User, UserPatch } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDateTime, roleLabel } from '../../shared/format';
import { useT, type Translate } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { CopyLinkField } from '../../shared/ui/CopyLink';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup, SelectField, fieldId } from '../../shared/ui/Field';
import { adminDisplayName } from './userLabel';

type Panel = 'none' | 'password' | 'supervisors' | 'deactivate' | 'handover';

interface UserCardProps {
  user: User;
  isSelf: boolean;
  supervisors: User[];
  /** Active therapists: who can take over a caseload when someone is deactivated. */
  therapists: User[];
  namesById: Map<string, string>;
  onChanged: (user: User) => void;
}

/** The counts a 409 has_caseload carries (clients, cases, open alerts). */
interface Caseload {
  clients?: number;
  cases?: number;
  open_alerts?: number;
}

function countOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A translated sentence whose **marked** words are shown in bold (the catalogue keeps the sentence whole). */
function withBold(text: string): ComponentChildren {
  return text.split('**').map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part));
}

/**
 * "Anna Berg has 8 clients, 1 case and 1 open alert. Choose who takes them over." — parts with a
 * zero are left out; with nothing to hand over only the name remains.
 */
function handoverText(t: Translate, name: string, counts: Caseload): string {
  const parts: string[] = [];
  const add = (key: 'admin.userCard.clients' | 'admin.userCard.cases' | 'admin.userCard.openAlerts', n: number | undefined) => {
    if (typeof n === 'number' && n > 0) parts.push(t(key, { count: n }));
  };
  add('admin.userCard.clients', counts.clients);
  add('admin.userCard.cases', counts.cases);
  add('admin.userCard.openAlerts', counts.open_alerts);
  const [first, second, third] = parts;
  if (first === undefined) return t('admin.userCard.handoverNothing', { name });
  const list =
    second === undefined
      ? first
      : third === undefined
        ? t('admin.userCard.listTwo', { first, second })
        : t('admin.userCard.listThree', { first, second, third });
  return t('admin.userCard.handover', { name, list });
}

export function UserCard({ user, isSelf, supervisors, therapists, namesById, onChanged }: UserCardProps) {
  const { api } = useSession();
  const t = useT();
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ url: string; expires_at: string } | null>(null);
  const [copyStatus, setCopyStatus] = useState('');
  const [chosen, setChosen] = useState<string[]>(user.supervisor_ids);
  const [caseload, setCaseload] = useState<Caseload | null>(null);
  const [successor, setSuccessor] = useState('');
  const [successorError, setSuccessorError] = useState<string | undefined>();
  const form = `user-${user.id}`;
  const name = adminDisplayName(user);

  const patch = async (what: string, body: UserPatch, done: string) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      const updated = await api.updateUser(user.id, body);
      onChanged(updated);
      setNotice(done);
      setPanel('none');
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'has_caseload' && body.active === false && !body.reassign_to) {
        // Someone still has clients: the admin chooses who takes them over, then deactivates.
        setCaseload({ clients: countOf(err.details.clients), cases: countOf(err.details.cases), open_alerts: countOf(err.details.open_alerts) });
        setSuccessor('');
        setSuccessorError(undefined);
        setPanel('handover');
        setTimeout(() => document.getElementById(fieldId(form, 'reassign_to'))?.focus(), 0);
        return false;
      }
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'reassign_to') setSuccessorError(err.message);
      return false;
    } finally {
      setBusy(null);
    }
  };

  // The practice never sets a password: it makes a one-time link and the person chooses one.
  const createResetLink = async () => {
    setBusy('password');
    setError(null);
    setNotice(null);
    try {
      const link = await api.createPasswordReset(user.id);
      setResetLink({ url: link.url, expires_at: link.expires_at });
      setCopyStatus('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const toggle = (p: Panel) => {
    setError(null);
    setNotice(null);
    setPanel(panel === p ? 'none' : p);
    if (p === 'supervisors') setChosen(user.supervisor_ids);
    if (p === 'password') {
      setResetLink(null);
      setCopyStatus('');
    }
  };

  const names = (ids: string[]) => ids.map((id) => namesById.get(id) ?? t('admin.userCard.unknownUser')).join(', ');
  const supervisionText =
    user.role === 'therapist'
      ? user.supervisor_ids.length
        ? t('admin.userCard.supervisedBy', { names: names(user.supervisor_ids) })
        : t('admin.userCard.noSupervisor')
      : user.role === 'supervisor'
        ? user.supervisee_ids.length
          ? t('admin.userCard.supervises', { names: names(user.supervisee_ids) })
          : t('admin.userCard.supervisesNobody')
        : null;

  return (
    <li class={`user-card${user.active ? '' : ' user-card--inactive'}`}>
      <div class="user-card__main">
        <p class="user-card__name">
          {name}
          {isSelf ? (
            <span class="user-card__you">
              {' '}
              {t('admin.userCard.you')}
            </span>
          ) : null}
        </p>
        <p class="user-card__email">{user.email}</p>
      </div>
      <div class="user-card__tags">
        <span class={`role role--${user.role}`}>{roleLabel(user.role)}</span>
        <span class={`state ${user.active ? 'state--on' : 'state--off'}`}>{user.active ? t('admin.userCard.active') : t('admin.userCard.deactivated')}</span>
        {user.role !== 'client' && typeof user.totp_enabled === 'boolean' ? (
          <span class={`state ${user.totp_enabled ? 'state--on' : 'state--plain'}`}>
            {user.totp_enabled ? t('account.admin.badgeOn') : t('account.admin.badgeOff')}
          </span>
        ) : null}
        {supervisionText ? <span class="user-card__supervision">{supervisionText}</span> : null}
      </div>
      <div class="user-card__actions">
        {isSelf ? null : user.active ? (
          <Button small variant="danger" onClick={() => toggle('deactivate')} ariaExpanded={panel === 'deactivate' || panel === 'handover'}
            ariaControls={`${form}-panel`}>
            {t('admin.userCard.deactivateOpen')}
          </Button>
        ) : (
          <Button
            small
            variant="secondary"
            busy={busy === 'active'}
            busyLabel={t('admin.userCard.reactivating')}
            onClick={() => void patch('active', { active: true }, t('admin.userCard.reactivated', { name }))}
          >
            {t('admin.userCard.reactivate')}
          </Button>
        )}
        <Button small variant="secondary" onClick={() => toggle('password')} ariaExpanded={panel === 'password'}
          ariaControls={`${form}-panel`}>
          {t('admin.userCard.resetPassword')}
        </Button>
        {user.role === 'therapist' ? (
          <Button small variant="secondary" onClick={() => toggle('supervisors')} ariaExpanded={panel === 'supervisors'}
            ariaControls={`${form}-panel`}>
            {t('admin.userCard.supervisors')}
          </Button>
        ) : null}
      </div>
      <div class="user-card__feedback">
        <ErrorMessage message={error} />
        <Notice message={notice} />
      </div>

      {panel === 'deactivate' ? (
        <div class="user-card__panel" id={`${form}-panel`} role="group" aria-labelledby={`${form}-deactivate-text`}>
          <p id={`${form}-deactivate-text`}>{withBold(t('admin.userCard.deactivateQuestion', { name }))}</p>
          <div class="form__actions">
            <Button small variant="danger" busy={busy === 'active'} busyLabel={t('admin.userCard.deactivating')}
              onClick={() => void patch('active', { active: false }, t('admin.userCard.signInStopped', { name }))}>
              {t('admin.userCard.deactivate', { name })}
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              {t('admin.form.cancel')}
            </Button>
          </div>
        </div>
      ) : null}

      {panel === 'handover' && caseload ? (
        <form
          class="user-card__panel handover"
          id={`${form}-panel`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!successor) {
              setSuccessorError(t('admin.userCard.chooseSuccessor'));
              document.getElementById(fieldId(form, 'reassign_to'))?.focus();
              return;
            }
            const to = namesById.get(successor);
            void patch(
              'active',
              { active: false, reassign_to: successor },
              to === undefined
                ? t('admin.userCard.handedOverUnnamed', { name })
                : t('admin.userCard.handedOver', { name, to }),
            );
          }}
        >
          <p class="handover__text">{handoverText(t, name, caseload)}</p>
          {therapists.filter((th) => th.id !== user.id).length === 0 ? (
            <p>{t('admin.userCard.noOtherTherapist', { name })}</p>
          ) : (
            <SelectField
              form={form}
              name="reassign_to"
              label={t('admin.userCard.successor')}
              hint={t('admin.userCard.successorHint')}
              value={successor}
              onValue={(v) => {
                setSuccessor(v);
                setSuccessorError(undefined);
              }}
              options={[
                { value: '', label: t('admin.userCard.chooseTherapist') },
                ...therapists.filter((th) => th.id !== user.id).map((th) => ({ value: th.id, label: th.name })),
              ]}
              error={successorError}
            />
          )}
          <div class="form__actions">
            <Button type="submit" small variant="danger" busy={busy === 'active'} busyLabel={t('admin.userCard.handingOver')}
              disabled={therapists.filter((th) => th.id !== user.id).length === 0}>
              {t('admin.userCard.handOver')}
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              {t('admin.form.cancel')}
            </Button>
          </div>
        </form>
      ) : null}

      {panel === 'password' ? (
        <div class="user-card__panel" id={`${form}-panel`} role="group" aria-labelledby={`${form}-reset-text`}>
          {resetLink ? (
            <>
              <CopyLinkField
                id={`${form}-reset-link`}
                label={t('admin.userCard.resetLinkLabel', { email: user.email })}
                url={resetLink.url}
                rowClass="user-card__link"
                copyLabel={t('measures.assign.copy')}
                status={copyStatus}
                selectOnFocus
                onCopied={(ok) => setCopyStatus(t(ok ? 'measures.assign.copied' : 'measures.assign.selected'))}
              />
              <p id={`${form}-reset-text`}>{t('admin.userCard.resetLinkReady', { name, when: formatDateTime(resetLink.expires_at) })}</p>
              <div class="form__actions">
                <Button small variant="quiet" onClick={() => setPanel('none')}>
                  {t('admin.userCard.resetDone')}
                </Button>
              </div>
            </>
          ) : (
            <>
              <p id={`${form}-reset-text`}>{t('admin.userCard.resetExplain', { name })}</p>
              <div class="form__actions">
                <Button small busy={busy === 'password'} busyLabel={t('admin.userCard.creatingResetLink')} onClick={() => void createResetLink()}>
                  {t('admin.userCard.createResetLink')}
                </Button>
                <Button small variant="quiet" onClick={() => setPanel('none')}>
                  {t('admin.form.cancel')}
                </Button>
              </div>
            </>
          )}
        </div>
      ) : null}

      {panel === 'supervisors' ? (
        <form
          class="user-card__panel"
          id={`${form}-panel`}
          onSubmit={(e) => {
            e.preventDefault();
            void patch('supervisors', { supervisor_ids: chosen }, t('admin.userCard.supervisorsSaved', { name: user.name }));
          }}
        >
          {supervisors.length === 0 ? (
            <p>{t('admin.userCard.noSupervisors')}</p>
          ) : (
            <ChoiceGroup<string>
              form={form}
              name="supervisor_ids"
              label={t('admin.userCard.whoSupervises', { name: user.name })}
              type="checkbox"
              options={supervisors.map((s) => ({ value: s.id, label: s.active ? s.name : t('admin.userCard.deactivatedName', { name: s.name }) }))}
              selected={chosen}
              onChange={setChosen}
            />
          )}
          <div class="form__actions">
            <Button type="submit" small busy={busy === 'supervisors'} busyLabel={t('admin.journal.saving')} disabled={supervisors.length === 0}>
              {t('admin.userCard.saveSupervisors')}
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              {t('admin.form.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
