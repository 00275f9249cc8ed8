import { useEffect, useState } from 'preact/hooks';
import type { Resource } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { fallbackCrisis } from '../../shared/crisis';
import { formatDateTime } from '../../shared/format';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { useOnline } from '../journal/useOutbox';
import { portalResourcePath } from '../portal/PortalResources';
import { ClientSection } from '../resources/ClientSection';
import { ownerResourcePath } from '../resources/ResourcePage';
import { SafetyPlanEditor, SafetyPlanView } from './SafetyPlan';
import { useCrisis, useSafetyPlan } from './useSafety';
import '../resources/resources.css';
import '../portal/portal.css';
import './safety.css';

export { PORTAL_SAFETY_PLAN, safetyPlanPath } from './routes';

/** The old coping-card addresses lead to the safety plan (bookmarks, printed links). */
export function RedirectTo({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading label="Opening the safety plan…" />;
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

const back = (
  <Link href="/portal" class="back-link">
    Back to my space
  </Link>
);

/** /portal/safety-plan — the client's own plan: on the phone (also offline), editable, printable. */
export function PortalSafetyPlanPage() {
  const me = useMe();
  const clientId = me.user.client_id;
  if (!clientId) {
    return (
      <div class="portal">
        <Page title="My safety plan" before={back} narrow>
          <p class="alert alert--info">Your login is not linked to a client record yet. Please let your therapist or the practice know.</p>
          <CrisisOnly />
        </Page>
      </div>
    );
  }
  return <PortalPlan clientId={clientId} />;
}

function PortalPlan({ clientId }: { clientId: string }) {
  const loaded = useSafetyPlan(clientId, true);
  const online = useOnline();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const resources = useClientResources(clientId, editing);
  const offline = loaded.offline || !online;
  const plan = loaded.plan;

  return (
    <div class="portal splan-page">
      <Page
        title="My safety plan"
        before={back}
        narrow
        actions={
          plan && !editing ? (
            <>
              <Button variant="secondary" onClick={() => window.print()}>
                Print
              </Button>
              {offline ? null : (
                <Button
                  variant="quiet"
                  onClick={() => {
                    setNotice(null);
                    setEditing(true);
                  }}
                >
                  Change my plan
                </Button>
              )}
            </>
          ) : null
        }
      >
        {!editing ? (
          <p class="portal__lead splan-page__lead">
            For a hard moment: the steps that help me, one after another. I can start with the first and go on as far as I need.
          </p>
        ) : null}
        {offline && plan ? (
          <p class="alert alert--info splan-page__offline">
            You are offline. This is the copy kept on this phone
            {loaded.savedAt ? ` (from ${formatDateTime(loaded.savedAt)})` : ''}. The numbers work without the internet.
          </p>
        ) : null}
        <Notice message={notice} />
        <ErrorMessage message={loaded.error} />
        {!plan && !loaded.error ? <Loading label="Loading your plan…" /> : null}
        {!plan && loaded.error ? <CrisisOnly /> : null}
        {plan && editing ? (
          <SafetyPlanEditor
            clientId={clientId}
            plan={plan}
            voice="client"
            resources={resources.filter((r) => r.visible_to_client !== false)}
            onSaved={(saved) => {
              loaded.replace(saved);
              setNotice('Your safety plan is saved. It is also kept on this phone, so it opens without a connection.');
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
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const resources = useClientResources(clientId, editing);
  const plan = loaded.plan;
  return (
    <ClientSection
      clientId={clientId}
      tab="safety-plan"
      title="Safety plan"
      class="splan-page"
      actions={(_, editable) =>
        plan && !editing ? (
          <>
            <Button variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
            {editable ? (
              <Button
                variant="quiet"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
              >
                Change the plan
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      {(client, editable) => (
        <>
          <p class="field__hint no-print">
            A safety plan after Stanley &amp; Brown (2012), written with {client.display_name} in their words. They see it in their portal,
            can change it, and have it on their phone without a connection.
          </p>
          <Notice message={notice} />
          <ErrorMessage message={loaded.error} />
          {!plan && !loaded.error ? <Loading label="Loading the safety plan…" /> : null}
          {!plan && loaded.error ? <CrisisOnly /> : null}
          {plan && editing && editable ? (
            <SafetyPlanEditor
              clientId={client.id}
              plan={plan}
              voice="therapist"
              resources={resources}
              onSaved={(saved) => {
                loaded.replace(saved);
                setNotice('The safety plan is saved.');
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
