import { useSession } from '../shared/session';
import { homeFor } from '../shared/router';
import { Link } from '../shared/ui/Link';
import { Page } from '../shared/ui/Page';
import { useT } from '../shared/i18n';

export function NotFoundPage() {
  const { me } = useSession();
  const t = useT();
  return (
    <Page title={t('app.notFound.title')} narrow>
      <p>{t('app.notFound.body')}</p>
      <p>
        <Link href={me ? homeFor(me.user.role) : '/login'} class="btn btn--secondary">
          {me ? t('app.notFound.home') : t('app.notFound.signIn')}
        </Link>
      </p>
    </Page>
  );
}
