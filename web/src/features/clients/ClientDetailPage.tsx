import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { ContextChips, StatusBadge } from '../../shared/ui/Chip';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { ClientTabs } from '../resources/ClientSection';
import { ResourceSummary } from '../resources/ResourceSummary';
import { canEditClient, describeCareTeam } from './careTeam';
import { InvitePanel } from './InvitePanel';
import { ClientAlertBanner } from '../measures/Alerts';
import { MeasuresSummary } from '../measures/MeasuresSummary';
import { BetweenSessionsSummary } from '../journal/BetweenSessions';
import { SessionsSummary } from '../sessions/ClientSessionsPage';
import './clients.css';

export function ClientDetailPage({ clientId }: { clientId: string }) {
  const { api } = useSession();
  const me = useMe();
  const [client, setClient] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .getClient(clientId)
      .then(setClient)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);

  const back = (
    <Link href="/clients" class="back-link">
      Back to caseload
    </Link>
  );

  if (error) {
    return (
      <Page title="Client not available" before={back} narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!client) {
    return (
      <Page title="Client" before={back} narrow>
        <Loading label="Loading client…" />
      </Page>
    );
  }

  const editable = canEditClient(me.user, client);

  return (
    <Page
      title={client.display_name}
      before={back}
      actions={
        editable ? (
          <Link href={`/clients/${encodeURIComponent(client.id)}/edit`} class="btn btn--secondary">
            Edit
          </Link>
        ) : null
      }
      intro={
        <>
          <ClientTabs clientId={client.id} current="overview" editable={editable} />
          <ClientAlertBanner clientId={client.id} />
          {me.user.role === 'supervisor' ? (
            <p class="alert alert--info">You are reading this as a supervisor. Only the care team can make changes.</p>
          ) : null}
        </>
      }
    >
      <div class="detail-grid">
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title" class="card__title">
            About
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={client.status} />
              </dd>
            </div>
            <div class="facts__row">
              <dt>Birth year</dt>
              <dd>{client.birth_year ?? 'Not recorded'}</dd>
            </div>
            <div class="facts__row">
              <dt>Contexts of care</dt>
              <dd>
                <ContextChips contexts={client.contexts} />
              </dd>
            </div>
            <div class="facts__row">
              <dt>In Trove since</dt>
              <dd>{formatDate(client.created_at)}</dd>
            </div>
            <div class="facts__row">
              <dt>Last changed</dt>
              <dd>{formatDate(client.updated_at)}</dd>
            </div>
          </dl>
        </section>

        <section class="card" aria-labelledby="team-title">
          <h2 id="team-title" class="card__title">
            Care team
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>Therapists</dt>
              <dd>{describeCareTeam(me.user, client)}</dd>
            </div>
            <div class="facts__row">
              <dt>Client portal</dt>
              <dd>{client.has_portal_account ? 'Has a portal login' : 'No portal login yet'}</dd>
            </div>
          </dl>
          {editable && !client.has_portal_account ? <InvitePanel client={client} /> : null}
        </section>

        <SessionsSummary client={client} editable={editable} />
        <ResourceSummary client={client} editable={editable} />
        <MeasuresSummary client={client} editable={editable} />
        <BetweenSessionsSummary client={client} />
      </div>
    </Page>
  );
}
