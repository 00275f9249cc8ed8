import { contextLabel, statusLabel } from '../format';
import { useLocale, useT } from '../i18n';

export function ContextChips({ contexts }: { contexts: readonly string[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul class="chips" aria-label={t('context.listLabel')}>
      {contexts.map((c) => (
        <li key={c} class={`chip chip--${c}`}>
          {contextLabel(c, locale)}
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const locale = useLocale();
  return <span class={`status status--${status}`}>{statusLabel(status, locale)}</span>;
}
