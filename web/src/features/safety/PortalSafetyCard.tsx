import { useEffect } from 'preact/hooks';
import { useMe, useSession } from '../../shared/session';
import { Link } from '../../shared/ui/Link';
import { getSafetyPlan } from '../../shared/safety/api';
import { deviceStore, writeOffline } from '../../shared/safety/offline';
import { normalisePlan } from '../../shared/safety/plan';
import { PORTAL_SAFETY_PLAN } from './routes';
import { rememberCrisis } from '../../shared/safety/useSafety';
import { useT } from '../../shared/i18n';

/**
 * The portal's "For a hard moment" card. Opening the portal also refreshes the copy of the plan
 * and the crisis numbers kept on this phone, so they are there offline even if the plan page
 * was never opened with a connection.
 */
export function PortalSafetyCard({ clientId }: { clientId: string }) {
  const { api } = useSession();
  const me = useMe();
  const t = useT();
  useEffect(() => {
    let live = true;
    getSafetyPlan(api, clientId).then(
      (answer) => {
        const plan = live ? normalisePlan(answer) : null;
        if (!plan) return;
        writeOffline(deviceStore(), me.user.id, { client_id: clientId, plan, crisis: plan.crisis });
        rememberCrisis(me, plan.crisis);
      },
      () => undefined,
    );
    api.getPracticeSettings().then(
      (s) => live && s.review_promise && writeOffline(deviceStore(), me.user.id, { review_promise: s.review_promise }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [clientId]);
  return (
    <section class="card portal__card" aria-labelledby="portal-safety">
      <h2 id="portal-safety" class="card__title">
        {t('safety.card.title')}
      </h2>
      <p>{t('safety.card.body')}</p>
      <Link href={PORTAL_SAFETY_PLAN} class="btn btn--primary">
        {t('safety.card.open')}
      </Link>
    </section>
  );
}
