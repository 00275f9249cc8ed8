import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { ContextChips, StatusBadge } from '../../shared/ui/Chip';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { ClientTabs } from '../../shared/ui/ClientSection';
import { canEditClient } from '../../shared/clientAccess';
import { describeCareTeam } from './careTeam';
import { InvitePanel } from './InvitePanel';
import './clients.css';

interface ClientDetailProps {
  clientId: string;
  /** The client's open risk alerts, under the tabs (the app shell passes it in from measures). */
  banner?: (clientId: string) => ComponentChildren;
  /** The other features' summary cards (sessions, resources, measures, journal), after the care team. */
  summaries?: (client: Client, editable: boolean) => ComponentChildren;
}

export function ClientDetailPage({ clientId, banner, summaries }: ClientDetailProps) {
  const { api } = useSession();
  const t = useT();
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
      {t('clients.backToCaseload')}
    </Link>
  );

  if (error) {
    return (
      <Page title={t('clients.detail.unavailable')} before={back} narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!client) {
    return (
      <Page title={t('clients.detail.title')} before={back} narrow>
        <Loading label={t('clients.detail.loading')} />
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
            {t('clients.detail.edit')}
          </Link>
        ) : null
      }
      intro={
        <>
          <ClientTabs clientId={client.id} current="overview" editable={editable} />
          {banner?.(client.id)}
          {me.user.role === 'supervisor' ? (
            <p class="alert alert--info">{t('clients.detail.supervisorNote')}</p>
          ) : null}
        </>
      }
    >
      <div class="detail-grid">
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title" class="card__title">
            {t('clients.detail.about')}
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('clients.detail.status')}</dt>
              <dd>
                <StatusBadge status={client.status} />
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('clients.detail.birthYear')}</dt>
              <dd>{client.birth_year ?? t('clients.detail.notRecorded')}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('clients.detail.contexts')}</dt>
              <dd>
                <ContextChips contexts={client.contexts} />
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('clients.detail.since')}</dt>
              <dd>{formatDate(client.created_at)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('clients.detail.changed')}</dt>
              <dd>{formatDate(client.updated_at)}</dd>
            </div>
          </dl>
        </section>

        <section class="card" aria-labelledby="team-title">
          <h2 id="team-title" class="card__title">
            {t('clients.detail.careTeam')}
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('clients.detail.therapists')}</dt>
              <dd>{describeCareTeam(me.user, client)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('clients.detail.portal')}</dt>
              <dd>{client.has_portal_account ? t('clients.detail.hasPortal') : t('clients.detail.noPortal')}</dd>
            </div>
          </dl>
          {editable && !client.has_portal_account ? <InvitePanel client={client} /> : null}
        </section>

        {summaries?.(client, editable)}
      </div>
    </Page>
  );
}
