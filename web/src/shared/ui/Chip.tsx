import { contextLabel, statusLabel } from '../format';

export function ContextChips({ contexts }: { contexts: readonly string[] }) {
  return (
    <ul class="chips" aria-label="Contexts of care">
      {contexts.map((c) => (
        <li key={c} class={`chip chip--${c}`}>
          {contextLabel(c)}
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status status--${status}`}>{statusLabel(status)}</span>;
}
