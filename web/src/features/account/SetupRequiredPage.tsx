import { useMe } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Page } from '../../shared/ui/Page';
import { passkeysSupported } from '../../shared/webauthn';
import { PasskeysSection } from './PasskeysSection';
import { TwoStepSection } from './TwoStepSection';
import './account.css';

/**
 * What a staff member sees, whatever the address, while their practice requires two-step sign-in
 * and they have not set it up (GET /me says second_factor_setup_required; every other route
 * answers 403). Only this and signing out; once the recovery codes are put away (or a passkey is
 * added, which counts as a second factor too) Trove opens as usual.
 */
export function SetupRequiredPage() {
  const me = useMe();
  const t = useT();
  return (
    <Page title={t('account.required.title')} narrow intro={<p>{t(passkeysSupported() ? 'passkeys.required.why' : 'account.required.why', { practice: me.practice.name })}</p>}>
      <TwoStepSection required />
      <PasskeysSection required />
      <p class="account-required__later">{t('account.required.signOut')}</p>
    </Page>
  );
}
