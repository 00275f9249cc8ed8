import type { Crisis } from '../../api/types';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';

/**
 * The admin's preview of what a client sees after a critical answer: the same CrisisPanel the
 * client gets, with the practice's text, contacts and review promise as the form reads now.
 */
export function CrisisPreview({ crisis, reviewPromise }: { crisis: Crisis; reviewPromise: string }) {
  if (crisis.contacts.length === 0) return <p class="field__hint">No complete contact yet: each needs a name and a way to reach it.</p>;
  return <CrisisPanel crisis={crisis} reviewPromise={reviewPromise || null} level={3} id="crisis-preview-panel" />;
}
