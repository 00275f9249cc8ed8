import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe, useSession } from '../session';
import { canEditClient } from '../clientAccess';
import { useT, type MessageKey } from '../i18n';
import { ErrorMessage, Loading } from './Feedback';
import { Link } from './Link';
import { Page } from './Page';
import './client-section.css';

export type ClientTab = 'overview' | 'sessions' | 'resources' | 'interview' | 'goals' | 'questionnaires' | 'balance' | 'safety-plan';

export function clientPath(clientId: string, tab: ClientTab = 'overview'): string {
  const base = `/clients/${encodeURIComponent(clientId)}`;
  return tab === 'overview' ? base : `${base}/${tab}`;
}

const TABS: readonly { tab: ClientTab; label: MessageKey; editorsOnly?: boolean }[] = [
  { tab: 'overview', label: 'resources.tab.overview' },
  { tab: 'sessions', label: 'resources.tab.sessions' },
  { tab: 'resources', label: 'resources.tab.map' },
  { tab: 'interview', label: 'resources.tab.interview', editorsOnly: true },
  { tab: 'goals', label: 'resources.tab.goals' },
  { tab: 'questionnaires', label: 'resources.tab.questionnaires' },
  { tab: 'balance', label: 'resources.tab.balance' },
  { tab: 'safety-plan', label: 'resources.tab.safetyPlan' },
];

/** The sections of one client's record, as a row of links (they wrap on a phone). */
export function ClientTabs({ clientId, current, editable }: { clientId: string; current: ClientTab | null; editable: boolean }) {
  const t = useT();
  return (
    <nav class="client-tabs no-print" aria-label={t('resources.tab.label')}>
      <ul>
        {TABS.filter((tab) => editable || !tab.editorsOnly).map((tab) => (
          <li key={tab.tab}>
            <Link href={clientPath(clientId, tab.tab)} class="client-tabs__link" current={tab.tab === current}>
              {t(tab.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Loads a client once for a section page. */
export function useClient(clientId: string): { client: Client | null; error: string | null } {
  const { api } = useSession();
  const [client, setClient] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getClient(clientId)
      .then(setClient)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);
  return { client, error };
}

interface ClientSectionProps {
  clientId: string;
  tab: ClientTab | null;
  /** The heading, e.g. "Resource map". */
  title: string;
  /** A different page heading once the client is known (defaults to title). */
  actions?: (client: Client, editable: boolean) => ComponentChildren;
  /** A link back to somewhere other than the client's overview (e.g. the map). */
  back?: { href: string; label: string };
  children: (client: Client, editable: boolean) => ComponentChildren;
  class?: string;
}

/**
 * The frame of every page inside a client's record: a way back, the heading, the section
 * links and, for supervisors, the reminder that they only read.
 */
export function ClientSection(props: ClientSectionProps) {
  const t = useT();
  const me = useMe();
  const { client, error } = useClient(props.clientId);
  const back = (
    <Link href={props.back?.href ?? clientPath(props.clientId)} class="back-link">
      {props.back?.label ?? (client ? client.display_name : t('resources.backToClient'))}
    </Link>
  );
  if (error) {
    return (
      <Page title={props.title} before={back} narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!client) {
    return (
      <Page title={props.title} before={back}>
        <Loading label={t('resources.loading')} />
      </Page>
    );
  }
  const editable = canEditClient(me.user, client);
  return (
    <Page
      title={props.title}
      documentTitle={`${props.title} · ${client.display_name}`}
      before={back}
      actions={props.actions?.(client, editable)}
      class={props.class}
      intro={
        <>
          {props.tab ? <ClientTabs clientId={client.id} current={props.tab} editable={editable} /> : null}
          {me.user.role === 'supervisor' ? (
            <p class="alert alert--info">{t('resources.supervisorNote')}</p>
          ) : null}
        </>
      }
    >
      {props.children(client, editable)}
    </Page>
  );
}
