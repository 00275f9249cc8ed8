import { useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Crisis } from '../../api/types';
import { Button } from '../../shared/ui/Button';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { lowMoodWords } from './lowMood';
import { useT } from '../../shared/i18n';

export interface LowMoodState {
  crisis: Crisis;
  shared: boolean;
  queued: boolean;
  promise: string | null;
  /** The saved entry, so a private one can be shared from here. */
  entryId?: string;
}

/**
 * Under a saved (or waiting) entry with a very low mood: a kind word, the practice's crisis
 * contacts, and plainly who will see the entry and when. A private entry can be shared from here.
 */
export function LowMoodSupport(props: { state: LowMoodState; id: string; onShare?: (entryId: string) => Promise<void> }) {
  const t = useT();
  const words = lowMoodWords(props.state);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="jlowmood">
      <p class="jlowmood__lead">{words.lead}</p>
      <CrisisPanel crisis={props.state.crisis} reviewPromise={words.reviewPromise} subject="entry" id={props.id} level={2}>
        {words.about.map((s, i) => (
          <p key={i}>{s}</p>
        ))}
        {words.offerShare && props.state.entryId && props.onShare ? (
          <div>
            <Button
              variant="secondary"
              busy={busy}
              busyLabel={t('journal.lowMood.sharing')}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await props.onShare!(props.state.entryId!);
                } catch (err) {
                  setError(messageOf(err));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('journal.lowMood.share')}
            </Button>
            <ErrorMessage message={error} />
          </div>
        ) : null}
      </CrisisPanel>
    </div>
  );
}
