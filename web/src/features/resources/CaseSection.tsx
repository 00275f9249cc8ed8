import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Case, User } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import '../../shared/styles/resources.css';

/** Only the case's own therapists change it or its collective resources; supervisors read. */
export function canEditCase(user: User, c: Case): boolean {
  return user.role === 'therapist' && c.therapist_ids.includes(user.id);
}

interface CaseSectionProps {
  caseId: string;
  title: string | ((c: Case) => string);
  back?: { href: string; label: string };
  actions?: (c: Case, editable: boolean) => ComponentChildren;
  children: (c: Case, editable: boolean) => ComponentChildren;
}

/** The frame of a page about one case (a couple, family or group). */
export function CaseSection(props: CaseSectionProps) {
  const { api } = useSession();
  const t = useT();
  const me = useMe();
  const [found, setFound] = useState<Case | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getCase(props.caseId)
      .then(setFound)
      .catch((err) => setError(messageOf(err)));
  }, [props.caseId]);

  const back = (
    <Link href={props.back?.href ?? '/cases'} class="back-link">
      {props.back?.label ?? t('resources.case.back')}
    </Link>
  );
  const fallbackTitle = typeof props.title === 'string' ? props.title : t('resources.case.title');
  if (error) {
    return (
      <Page title={fallbackTitle} before={back} narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!found) {
    return (
      <Page title={fallbackTitle} before={back}>
        <Loading label={t('resources.case.loading')} />
      </Page>
    );
  }
  const editable = canEditCase(me.user, found);
  const title = typeof props.title === 'string' ? props.title : props.title(found);
  return (
    <Page
      title={title}
      documentTitle={title === found.name ? title : `${title} · ${found.name}`}
      before={back}
      actions={props.actions?.(found, editable)}
      intro={
        me.user.role === 'supervisor' ? (
          <p class="alert alert--info">{t('resources.case.supervisorNote')}</p>
        ) : null
      }
    >
      {props.children(found, editable)}
    </Page>
  );
}
