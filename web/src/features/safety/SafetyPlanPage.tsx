import { useEffect, useState } from 'preact/hooks';
import type { Resource } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { fallbackCrisis } from '../../shared/crisis';
import { formatDateTime } from '../../shared/format';
import { navigate } from '../../shared/router';
import { BackToPortal } from '../../shared/ui/BackToPortal';
import { Button } from '../../shared/ui/Button';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { Page } from '../../shared/ui/Page';
import { useOnline } from '../../shared/useOnline';
import { ClientSection } from '../../shared/ui/ClientSection';
import { ownerResourcePath, portalResourcePath } from '../../shared/resources/paths';
import { SafetyPlanEditor, SafetyPlanView } from './SafetyPlan';
import { useCrisis, useSafetyPlan } from '../../shared/safety/useSafety';
import '../../shared/styles/resources.css';
import '../../shared/styles/portal.css';
import './safety.css';
import { useT } from '../../shared/i18n';

export { PORTAL_SAFETY_PLAN, safetyPlanPath } from './routes';

/** The old coping-card addresses lead to the safety plan (bookmarks, printed links). */
export function RedirectTo({ to }: { to: string }) {
  const t = useT();
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading label={t('safety.page.opening')} />;
}

function useClientResources(clientId: string, wanted: boolean): Resource[] {
  const { api } = useSession();
  const [items, setItems] = useState<Resource[]>([]);
  useEffect(() => {
    if (!wanted) return;
    api.listResources({ kind: 'client', id: clientId }).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, [clientId, wanted]);
  return items;
}

/** When the plan cannot be loaded at all, the crisis numbers are still shown. */
function CrisisOnly() {
  const info = useCrisis();
  return <CrisisPanel crisis={info.crisis ?? fallbackCrisis()} id="plan-crisis-only" />;
}

/** /portal/safety-plan — the client's own plan: on the phone (also offline), editable, printable. */
export function PortalSafetyPlanPage() {
  const me = useMe();
  const t = useT();
  const clientId = me.user.client_id;
  if (!clientId) {
    return (
      <div class="portal">
        <Page title={t('safety.page.mine')} before={<BackToPortal />} narrow>
          <p class="alert alert--info">{t('portal.notLinked')}</p>
          <CrisisOnly />
        </Page>
      </div>
    );
  }
  return <PortalPlan clientId={clientId} />;
}

function PortalPlan({ clientId }: { clientId: string }) {
  const loaded = useSafetyPlan(clientId, true);
  const t = useT();
  const online = useOnline();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const resources = useClientResources(clientId, editing);
  const offline = loaded.offline || !online;
  const plan = loaded.plan;

  return (
    <div class="portal splan-page">
      <Page
        title={t('safety.page.mine')}
        before={<BackToPortal />}
        narrow
        actions={
          plan && !editing ? (
            <>
              <Button variant="secondary" onClick={() => window.print()}>
                {t('safety.page.print')}
              </Button>
              {offline ? null : (
                <Button
                  variant="quiet"
                  onClick={() => {
                    setNotice(null);
                    setEditing(true);
                  }}
                >
                  {t('safety.page.changeMine')}
                </Button>
              )}
            </>
          ) : null
        }
      >
        {!editing ? (
          <p class="portal__lead splan-page__lead">{t('safety.page.lead')}</p>
        ) : null}
        {offline && plan ? (
          <p class="alert alert--info splan-page__offline">
            {loaded.savedAt ? t('safety.page.offlineFrom', { date: formatDateTime(loaded.savedAt) }) : t('safety.page.offline')}
          </p>
        ) : null}
        <Notice message={notice} />
        <ErrorMessage message={loaded.error} />
        {!plan && !loaded.error ? <Loading label={t('safety.page.loadingMine')} /> : null}
        {!plan && loaded.error ? <CrisisOnly /> : null}
        {plan && editing ? (
          <SafetyPlanEditor
            clientId={clientId}
            plan={plan}
            voice="client"
            resources={resources.filter((r) => r.visible_to_client !== false)}
            onSaved={(saved) => {
              loaded.replace(saved);
              setNotice(t('safety.page.savedMine'));
            }}
            onDone={() => setEditing(false)}
          />
        ) : null}
        {plan && !editing ? <SafetyPlanView plan={plan} voice="client" hrefForResource={offline ? undefined : portalResourcePath} /> : null}
      </Page>
    </div>
  );
}

/** /clients/:id/safety-plan — the care team reads, changes and prints the client's plan. */
export function ClientSafetyPlanPage({ clientId }: { clientId: string }) {
  const loaded = useSafetyPlan(clientId, false);
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const resources = useClientResources(clientId, editing);
  const plan = loaded.plan;
  return (
    <ClientSection
      clientId={clientId}
      tab="safety-plan"
      title={t('safety.page.title')}
      class="splan-page"
      actions={(_, editable) =>
        plan && !editing ? (
          <>
            <Button variant="secondary" onClick={() => window.print()}>
              {t('safety.page.print')}
            </Button>
            {editable ? (
              <Button
                variant="quiet"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
              >
                {t('safety.page.change')}
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      {(client, editable) => (
        <>
          <p class="field__hint no-print">{t('safety.page.about', { name: client.display_name })}</p>
          <Notice message={notice} />
          <ErrorMessage message={loaded.error} />
          {!plan && !loaded.error ? <Loading label={t('safety.page.loading')} /> : null}
          {!plan && loaded.error ? <CrisisOnly /> : null}
          {plan && editing && editable ? (
            <SafetyPlanEditor
              clientId={client.id}
              plan={plan}
              voice="therapist"
              resources={resources}
              onSaved={(saved) => {
                loaded.replace(saved);
                setNotice(t('safety.page.saved'));
              }}
              onDone={() => setEditing(false)}
            />
          ) : null}
          {plan && !(editing && editable) ? (
            <SafetyPlanView plan={plan} voice="therapist" hrefForResource={(rid) => ownerResourcePath({ kind: 'client', id: client.id }, rid)} />
          ) : null}
        </>
      )}
    </ClientSection>
  );
}
