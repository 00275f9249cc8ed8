import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { User, UserPatch } from '../../api/types';
import { useSession } from '../../app/session';
import { roleLabel } from '../../shared/format';
import { MIN_PASSWORD_LENGTH } from '../../shared/validation';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup, SelectField, TextField, fieldId } from '../../shared/ui/Field';
import { handoverSentence } from './safety';
import { adminDisplayName } from './userLabel';
import { validatePasswordReset } from './validation';

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

export function UserCard({ user, isSelf, supervisors, therapists, namesById, onChanged }: UserCardProps) {
  const { api } = useSession();
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
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
      if (err instanceof ApiError && err.field === 'password') setPasswordError(err.message);
      if (err instanceof ApiError && err.field === 'reassign_to') setSuccessorError(err.message);
      return false;
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
      setPassword('');
      setPasswordError(undefined);
    }
  };

  const supervisionText =
    user.role === 'therapist'
      ? user.supervisor_ids.length
        ? `Supervised by ${user.supervisor_ids.map((id) => namesById.get(id) ?? 'an unknown user').join(', ')}`
        : 'No supervisor'
      : user.role === 'supervisor'
        ? user.supervisee_ids.length
          ? `Supervises ${user.supervisee_ids.map((id) => namesById.get(id) ?? 'an unknown user').join(', ')}`
          : 'Supervises nobody yet'
        : null;

  return (
    <li class={`user-card${user.active ? '' : ' user-card--inactive'}`}>
      <div class="user-card__main">
        <p class="user-card__name">
          {name}
          {isSelf ? <span class="user-card__you"> (you)</span> : null}
        </p>
        <p class="user-card__email">{user.email}</p>
      </div>
      <div class="user-card__tags">
        <span class={`role role--${user.role}`}>{roleLabel(user.role)}</span>
        <span class={`state ${user.active ? 'state--on' : 'state--off'}`}>{user.active ? 'Active' : 'Deactivated'}</span>
        {supervisionText ? <span class="user-card__supervision">{supervisionText}</span> : null}
      </div>
      <div class="user-card__actions">
        {isSelf ? null : user.active ? (
          <Button small variant="danger" onClick={() => toggle('deactivate')} ariaExpanded={panel === 'deactivate' || panel === 'handover'}
            ariaControls={`${form}-panel`}>
            Deactivate…
          </Button>
        ) : (
          <Button
            small
            variant="secondary"
            busy={busy === 'active'}
            busyLabel="Reactivating…"
            onClick={() => void patch('active', { active: true }, `${name} can sign in again.`)}
          >
            Reactivate
          </Button>
        )}
        <Button small variant="secondary" onClick={() => toggle('password')} ariaExpanded={panel === 'password'}
          ariaControls={`${form}-panel`}>
          Reset password
        </Button>
        {user.role === 'therapist' ? (
          <Button small variant="secondary" onClick={() => toggle('supervisors')} ariaExpanded={panel === 'supervisors'}
            ariaControls={`${form}-panel`}>
            Supervisors
          </Button>
        ) : null}
      </div>
      <div class="user-card__feedback">
        <ErrorMessage message={error} />
        <Notice message={notice} />
      </div>

      {panel === 'deactivate' ? (
        <div class="user-card__panel" id={`${form}-panel`} role="group" aria-labelledby={`${form}-deactivate-text`}>
          <p id={`${form}-deactivate-text`}>
            <strong>Deactivate {name}?</strong> They can no longer sign in. Everything they wrote stays in the record, and you can reactivate
            the account later.
          </p>
          <div class="form__actions">
            <Button small variant="danger" busy={busy === 'active'} busyLabel="Deactivating…"
              onClick={() => void patch('active', { active: false }, `${name} can no longer sign in.`)}>
              Deactivate {name}
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              Cancel
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
              setSuccessorError('Choose the therapist who takes over.');
              document.getElementById(fieldId(form, 'reassign_to'))?.focus();
              return;
            }
            const to = namesById.get(successor) ?? 'the therapist you chose';
            void patch(
              'active',
              { active: false, reassign_to: successor },
              `${name} can no longer sign in. Their clients, cases, planned sessions and open alerts are now with ${to}.`,
            );
          }}
        >
          <p class="handover__text">{handoverSentence(name, caseload)}</p>
          {therapists.filter((t) => t.id !== user.id).length === 0 ? (
            <p>There is no other active therapist yet. Add one first, then deactivate {name}.</p>
          ) : (
            <SelectField
              form={form}
              name="reassign_to"
              label="Who takes over"
              hint="Their clients, cases, planned sessions and open alerts move to this therapist."
              value={successor}
              onValue={(v) => {
                setSuccessor(v);
                setSuccessorError(undefined);
              }}
              options={[
                { value: '', label: 'Choose a therapist' },
                ...therapists.filter((t) => t.id !== user.id).map((t) => ({ value: t.id, label: t.name })),
              ]}
              error={successorError}
            />
          )}
          <div class="form__actions">
            <Button type="submit" small variant="danger" busy={busy === 'active'} busyLabel="Handing over…"
              disabled={therapists.filter((t) => t.id !== user.id).length === 0}>
              Hand over and deactivate
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {panel === 'password' ? (
        <form
          class="user-card__panel"
          id={`${form}-panel`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const checked = validatePasswordReset(password);
            if (!checked.ok) {
              setPasswordError(checked.errors.password);
              document.getElementById(fieldId(form, 'password'))?.focus();
              return;
            }
            setPasswordError(undefined);
            void patch('password', { password: checked.value }, `The password for ${user.email} was changed.`);
          }}
        >
          <TextField form={form} name="password" label={`New password for ${user.email}`} type="password"
            autoComplete="new-password" required hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            value={password} onValue={setPassword} error={passwordError} />
          <div class="form__actions">
            <Button type="submit" small busy={busy === 'password'} busyLabel="Saving…">
              Set password
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {panel === 'supervisors' ? (
        <form
          class="user-card__panel"
          id={`${form}-panel`}
          onSubmit={(e) => {
            e.preventDefault();
            void patch('supervisors', { supervisor_ids: chosen }, `Supervisors for ${user.name} saved.`);
          }}
        >
          {supervisors.length === 0 ? (
            <p>There are no supervisor accounts yet. Add a user with the role Supervisor first.</p>
          ) : (
            <ChoiceGroup<string>
              form={form}
              name="supervisor_ids"
              label={`Who supervises ${user.name}?`}
              type="checkbox"
              options={supervisors.map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (deactivated)` }))}
              selected={chosen}
              onChange={setChosen}
            />
          )}
          <div class="form__actions">
            <Button type="submit" small busy={busy === 'supervisors'} busyLabel="Saving…" disabled={supervisors.length === 0}>
              Save supervisors
            </Button>
            <Button small variant="quiet" onClick={() => setPanel('none')}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
