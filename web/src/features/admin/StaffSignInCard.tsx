import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { StaffSecondFactor, User } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup } from '../../shared/ui/Field';
import { staffWithoutSecondFactor } from './userLabel';

const FORM = 'staff-sign-in';

/**
 * Issue 16: whether the practice requires two-step sign-in of its staff (practice settings,
 * `staff_second_factor`), next to how many active staff members have not set it up yet. Shown on
 * the Users page, where the admin also sees on each card who has it.
 */
export function StaffSignInCard({ users }: { users: User[] | null }) {
  const { api, refreshMe } = useSession();
  const me = useMe();
  const t = useT();
  // The admin is staff too: requiring it without having it means setting it up straight away.
  const selfWithout = me.user.totp_enabled === false;
  const [saved, setSaved] = useState<StaffSecondFactor | null>(null);
  const [choice, setChoice] = useState<StaffSecondFactor>('optional');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.getPracticeSettings().then(
      (s) => {
        // An older server does not know the setting: the card stays hidden.
        if (s.staff_second_factor === 'required' || s.staff_second_factor === 'optional') {
          setSaved(s.staff_second_factor);
          setChoice(s.staff_second_factor);
        }
      },
      () => undefined,
    );
  }, []);

  if (saved === null) return null;
  const without = users ? staffWithoutSecondFactor(users) : null;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const s = await api.updatePracticeSettings({ staff_second_factor: choice });
      const now = s.staff_second_factor === 'required' ? 'required' : 'optional';
      setSaved(now);
      setChoice(now);
      setNotice(now === 'required' ? t('account.admin.savedRequired') : t('account.admin.savedOptional'));
      // Every other request would now be refused until the admin has a second factor too.
      if (now === 'required' && selfWithout) await refreshMe().catch(() => undefined);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form staff-sign-in" onSubmit={save} noValidate aria-labelledby="staff-sign-in-title">
      <h2 id="staff-sign-in-title" class="card__title">
        {t('account.admin.title')}
      </h2>
      <ChoiceGroup<StaffSecondFactor>
        form={FORM}
        name="staff_second_factor"
        type="radio"
        label={t('account.admin.legend')}
        hint={t('account.admin.hint')}
        options={[
          { value: 'optional', label: t('account.admin.optional') },
          { value: 'required', label: t('account.admin.required') },
        ]}
        selected={[choice]}
        onChange={(v) => setChoice(v[0] ?? 'optional')}
      />
      {without !== null ? <p class="staff-sign-in__count">{t('account.admin.without', { count: without })}</p> : null}
      {choice === 'required' && saved !== 'required' && selfWithout ? (
        <p class="alert alert--info staff-sign-in__self">{t('account.admin.selfFirst')}</p>
      ) : null}
      <Notice message={notice} />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('account.admin.saving')} disabled={choice === saved}>
          {t('account.admin.save')}
        </Button>
      </div>
    </form>
  );
}
