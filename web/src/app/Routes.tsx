import type { Match } from '../shared/router';
import { LoginPage } from '../features/auth/LoginPage';
import { InvitePage } from '../features/auth/InvitePage';
import { CaseloadPage } from '../features/clients/CaseloadPage';
import { ClientDetailPage } from '../features/clients/ClientDetailPage';
import { ClientFormPage } from '../features/clients/ClientFormPage';
import { UsersPage } from '../features/admin/UsersPage';
import { AuditPage } from '../features/admin/AuditPage';
import { PortalPage } from '../features/portal/PortalPage';
import { NotFoundPage } from './NotFoundPage';

export function Routes({ match, search }: { match: Match; search: string }) {
  const params = new URLSearchParams(search);
  switch (match.name) {
    case 'login':
      return <LoginPage next={params.get('next')} />;
    case 'invite':
      return <InvitePage token={params.get('token')} />;
    case 'caseload':
      return <CaseloadPage search={search} />;
    case 'client-new':
      return <ClientFormPage />;
    case 'client-edit':
      // Keyed so that moving between two clients' forms starts from a clean state.
      return <ClientFormPage key={match.params.id} clientId={match.params.id} />;
    case 'client-detail':
      return <ClientDetailPage key={match.params.id} clientId={match.params.id!} />;
    case 'admin-users':
      return <UsersPage />;
    case 'admin-audit':
      return <AuditPage />;
    case 'portal':
      return <PortalPage />;
    case 'home':
    case 'not-found':
      return <NotFoundPage />;
  }
}
