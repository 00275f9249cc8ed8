import type { Match } from '../shared/router';
import { LoginPage } from '../features/auth/LoginPage';
import { InvitePage } from '../features/auth/InvitePage';
// The client pages show other features' cards; imported before them so the stylesheets keep their order.
import { CaseloadAlerts, ClientAlertBanner } from '../features/measures/Alerts';
import { BetweenSessionsSummary } from '../features/journal/BetweenSessions';
import { SessionsSummary } from '../features/sessions/ClientSessionsPage';
import { CaseloadPage } from '../features/clients/CaseloadPage';
import { ResourceSummary } from '../features/resources/ResourceSummary';
import { MeasuresSummary } from '../features/measures/MeasuresSummary';
import { ClientDetailPage } from '../features/clients/ClientDetailPage';
import { ClientFormPage } from '../features/clients/ClientFormPage';
import { UsersPage } from '../features/admin/UsersPage';
import { AuditPage } from '../features/admin/AuditPage';
import { JournalSettingsPage } from '../features/admin/JournalSettingsPage';
import { SafetyPage } from '../features/admin/SafetyPage';
import { PortalPage, type PortalCards } from '../features/portal/PortalPage';
import { CalendarCard, MilestonesCard, TodayCard } from '../features/journal/PortalCards';
import { PortalSafetyCard } from '../features/safety/PortalSafetyCard';
import { PortalProposePage, PortalResourcePage } from '../features/portal/PortalResources';
import { BalancePage } from '../features/resources/BalancePage';
import { CaseDetailPage, CasesPage } from '../features/resources/CasesPage';
import { ClientResourcesPage } from '../features/resources/ClientResourcesPage';
import { ClientSafetyPlanPage, PORTAL_SAFETY_PLAN, PortalSafetyPlanPage, RedirectTo, safetyPlanPath } from '../features/safety/SafetyPlanPage';
import { GoalsPage } from '../features/resources/GoalsPage';
import { InterviewPage } from '../features/resources/InterviewPage';
import { ResourcePage } from '../features/resources/ResourcePage';
import { ClientMeasuresPage } from '../features/measures/ClientMeasuresPage';
import { FillInSessionPage } from '../features/measures/FillInSessionPage';
import { InstrumentsPage } from '../features/measures/InstrumentsPage';
import { LinkPage } from '../features/measures/LinkPage';
import { MeasureChartPage } from '../features/measures/MeasureChartPage';
import { PortalFillPage, PortalQuestionnaires } from '../features/measures/PortalQuestionnaires';
import { BetweenSessionsPage } from '../features/journal/BetweenSessions';
import { ExercisePage, ExercisesPage, PortalExercisePage, PortalExercisesPage } from '../features/journal/Exercises';
import { JournalPage } from '../features/journal/JournalPage';
import { ClientSessionsPage } from '../features/sessions/ClientSessionsPage';
import { SchedulePage } from '../features/sessions/SchedulePage';
import { SessionPage } from '../features/sessions/SessionPage';
import { AccountPage } from '../features/account/AccountPage';
import { NotFoundPage } from './NotFoundPage';

/** The client's home page shows cards from journal, measures and safety. */
const PORTAL_CARDS: PortalCards = {
  today: (clientId) => <TodayCard clientId={clientId} />,
  questionnaires: (clientId) => <PortalQuestionnaires clientId={clientId} />,
  milestones: (clientId) => <MilestonesCard clientId={clientId} />,
  safety: (clientId) => <PortalSafetyCard clientId={clientId} />,
  calendar: (clientId) => <CalendarCard clientId={clientId} voice="client" />,
};

export function Routes({ match, search }: { match: Match; search: string }) {
  const params = new URLSearchParams(search);
  switch (match.name) {
    case 'login':
      return <LoginPage next={params.get('next')} />;
    case 'invite':
      return <InvitePage token={params.get('token')} />;
    case 'reset-password':
      return <InvitePage token={params.get('token')} purpose="reset" />;
    case 'caseload':
      return <CaseloadPage search={search} alerts={<CaseloadAlerts />} />;
    case 'client-new':
      return <ClientFormPage />;
    case 'client-edit':
      // Keyed so that moving between two clients' forms starts from a clean state.
      return <ClientFormPage key={match.params.id} clientId={match.params.id} />;
    case 'client-detail':
      return (
        <ClientDetailPage
          key={match.params.id}
          clientId={match.params.id!}
          banner={(clientId) => <ClientAlertBanner clientId={clientId} />}
          summaries={(client, editable) => (
            <>
              <SessionsSummary client={client} editable={editable} />
              <ResourceSummary client={client} editable={editable} />
              <MeasuresSummary client={client} editable={editable} />
              <BetweenSessionsSummary client={client} />
            </>
          )}
        />
      );
    case 'client-resources':
      return <ClientResourcesPage key={match.params.id} clientId={match.params.id!} />;
    case 'client-resource-new':
      return <ResourcePage key={`${match.params.id}-new`} owner={{ kind: 'client', id: match.params.id! }} resourceId={null} search={search} />;
    case 'client-resource':
      return <ResourcePage key={match.params.rid} owner={{ kind: 'client', id: match.params.id! }} resourceId={match.params.rid!} />;
    case 'client-interview':
      return <InterviewPage key={match.params.id} clientId={match.params.id!} />;
    case 'client-goals':
      return <GoalsPage key={match.params.id} clientId={match.params.id!} />;
    case 'client-balance':
      return <BalancePage key={match.params.id} clientId={match.params.id!} />;
    case 'client-coping':
      return <RedirectTo to={safetyPlanPath(match.params.id!)} />;
    case 'client-safety-plan':
      return <ClientSafetyPlanPage key={match.params.id} clientId={match.params.id!} />;
    case 'client-questionnaires':
      return <ClientMeasuresPage key={match.params.id} clientId={match.params.id!} />;
    case 'client-questionnaire-fill':
      return <FillInSessionPage key={`${match.params.id}-${match.params.instrument}`} clientId={match.params.id!} instrument={match.params.instrument!} />;
    case 'client-questionnaire-chart':
      return <MeasureChartPage key={`${match.params.id}-${match.params.instrument}`} clientId={match.params.id!} instrument={match.params.instrument!} />;
    case 'questionnaire-link':
      return <LinkPage key={match.params.token} token={match.params.token!} />;
    case 'cases':
      return <CasesPage />;
    case 'case-detail':
      return <CaseDetailPage key={match.params.id} caseId={match.params.id!} />;
    case 'case-resource-new':
      return <ResourcePage key={`${match.params.id}-new`} owner={{ kind: 'case', id: match.params.id! }} resourceId={null} search={search} />;
    case 'case-resource':
      return <ResourcePage key={match.params.rid} owner={{ kind: 'case', id: match.params.id! }} resourceId={match.params.rid!} />;
    case 'portal-resource-new':
      return <PortalProposePage />;
    case 'portal-resource':
      return <PortalResourcePage key={match.params.rid} resourceId={match.params.rid!} />;
    case 'portal-coping':
      return <RedirectTo to={PORTAL_SAFETY_PLAN} />;
    case 'portal-safety-plan':
      return <PortalSafetyPlanPage />;
    case 'admin-users':
      return <UsersPage />;
    case 'admin-audit':
      return <AuditPage />;
    case 'admin-instruments':
      return <InstrumentsPage />;
    case 'admin-journal':
      return <JournalSettingsPage />;
    case 'admin-safety':
      return <SafetyPage />;
    case 'portal-questionnaire':
      return <PortalFillPage key={match.params.instrument} instrument={match.params.instrument!} />;
    case 'portal-instruments':
      return <InstrumentsPage />;
    case 'portal-journal':
      return <JournalPage search={search} />;
    case 'portal-exercises':
      return <PortalExercisesPage />;
    case 'portal-exercise':
      return <PortalExercisePage key={match.params.eid} exerciseId={match.params.eid!} />;
    case 'exercises':
      return <ExercisesPage />;
    case 'exercise':
      return <ExercisePage key={match.params.eid} exerciseId={match.params.eid!} />;
    case 'client-journal':
      return <BetweenSessionsPage key={match.params.id} clientId={match.params.id!} />;
    case 'client-sessions':
      return <ClientSessionsPage key={match.params.id} clientId={match.params.id!} />;
    case 'schedule':
      return <SchedulePage search={search} />;
    case 'session':
      return <SessionPage key={match.params.id} sessionId={match.params.id!} />;
    case 'portal':
      return <PortalPage cards={PORTAL_CARDS} />;
    case 'account':
      return <AccountPage />;
    case 'home':
    case 'not-found':
      return <NotFoundPage />;
  }
}
