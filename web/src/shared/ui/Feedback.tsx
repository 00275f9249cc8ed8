import type { ComponentChildren } from 'preact';

/**
 * The live region is always in the DOM and only its content changes: screen readers
 * announce changes to an existing region far more reliably than a newly inserted one.
 */
export function ErrorMessage({ message, id }: { message: string | null; id?: string }) {
  return (
    <div class="live" aria-live="assertive" aria-atomic="true" id={id}>
      {message ? (
        <p class="alert alert--error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function Notice({ message, tone = 'success' }: { message: string | null; tone?: 'success' | 'info' }) {
  return (
    <div class="live" aria-live="polite" aria-atomic="true">
      {message ? <p class={`alert alert--${tone}`}>{message}</p> : null}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty__title">{title}</p>
      {children ? <div class="empty__body">{children}</div> : null}
    </div>
  );
}
