import { useT } from '../i18n';
import { Link } from './Link';

/** "Back to my space": the link above each of the client's portal pages, back to the portal's start. */
export function BackToPortal() {
  const t = useT();
  return (
    <Link href="/portal" class="back-link">
      {t('portal.back')}
    </Link>
  );
}
