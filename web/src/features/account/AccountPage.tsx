import { roleLabel } from '../../shared/format';
import { useMe } from '../../shared/session';
import { useLocale, useT } from '../../shared/i18n';
import { Page } from '../../shared/ui/Page';
import { PasskeysSection } from './PasskeysSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';
import { TwoStepSection } from './TwoStepSection';
import './account.css';

/**
 * Issue 16: the signed-in person's own account, for every role. Password, two-step sign-in,
 * sessions elsewhere, (therapists and supervisors, who may use the API) personal API tokens, and passkeys.
 */
export function AccountPage() {
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const usesTokens = me.user.role === 'therapist' || me.user.role === 'supervisor';
  return (
    <Page
      title={t('account.title')}
      intro={<p>{t('account.intro', { name: me.user.name, email: me.user.email, role: roleLabel(me.user.role, locale) })}</p>}
    >
      <div class="account-page">
        <PasswordSection hasTokens={usesTokens} />
        <TwoStepSection />
        <SessionsSection />
        {usesTokens ? <TokensSection /> : null}
        <PasskeysSection />
      </div>
    </Page>
  );
}
