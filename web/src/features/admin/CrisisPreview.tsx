import type { Crisis } from '../../api/types';
import { useT } from '../../shared/i18n';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';

/**
 * The admin's preview of what a client sees after a critical answer: the same CrisisPanel the
 * client gets, with the practice's text, contacts and review promise as the form reads now.
 */
export function CrisisPreview({ crisis, reviewPromise }: { crisis: Crisis; reviewPromise: string }) {
  const t = useT();
  if (crisis.contacts.length === 0) return <p class="field__hint">{t('admin.crisisPreview.empty')}</p>;
  return <CrisisPanel crisis={crisis} reviewPromise={reviewPromise || null} level={3} id="crisis-preview-panel" />;
}
