import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { User, UserPatch } from '../../api/types';
import { useSession } from '../../app/session';
import { roleLabel } from '../../shared/format';
import { MIN_PASSWORD_LENGTH } from '../../shared/validation';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup, TextField, fieldId } from '../../shared/ui/Field';
import { adminDisplayName } from './userLabel';
import { validatePasswordReset } from './validation';

type Panel = 'none' | 'password' | 'supervisors';

interface UserCardProps {
  user: User;
  isSelf: boolean;
  supervisors: User[];
  namesById: Map<string, string>;
  onChanged: (user: User) => void;
}

export function UserCard({ user, isSelf, supervisors, namesById, onChanged }: UserCardProps) {
  const { api } = useSession();
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [chosen, setChosen] = useState<string[]>(user.supervisor_ids);
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
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'password') setPasswordError(err.message);
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
        {isSelf ? null : (
          <Button
            small
            variant={user.active ? 'danger' : 'secondary'}
            busy={busy === 'active'}
            busyLabel={user.active ? 'Deactivating…' : 'Reactivating…'}
            onClick={() =>
              void patch('active', { active: !user.active }, user.active ? `${name} can no longer sign in.` : `${name} can sign in again.`)
            }
          >
            {user.active ? 'Deactivate' : 'Reactivate'}
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
