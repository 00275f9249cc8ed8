import { useSession } from './session';
import { homeFor } from '../shared/router';
import { Link } from '../shared/ui/Link';
import { Page } from '../shared/ui/Page';

export function NotFoundPage() {
  const { me } = useSession();
  return (
    <Page title="This page does not exist" narrow>
      <p>The address may be mistyped, or the page may have moved.</p>
      <p>
        <Link href={me ? homeFor(me.user.role) : '/login'} class="btn btn--secondary">
          {me ? 'Go to your start page' : 'Go to sign in'}
        </Link>
      </p>
    </Page>
  );
}
