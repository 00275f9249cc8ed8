import type { ComponentChildren } from 'preact';

interface ButtonProps {
  children: ComponentChildren;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  busy?: boolean;
  /** What the button says while busy, e.g. "Saving…". */
  busyLabel?: string;
  disabled?: boolean;
  onClick?: () => void;
  small?: boolean;
  ariaExpanded?: boolean;
  ariaControls?: string;
}

export function Button(props: ButtonProps) {
  const classes = ['btn', `btn--${props.variant ?? 'primary'}`, props.small ? 'btn--small' : ''].filter(Boolean).join(' ');
  return (
    <button
      type={props.type ?? 'button'}
      class={classes}
      // Kept enabled-looking but inert while busy so a double click cannot send twice.
      disabled={props.disabled || props.busy}
      aria-busy={props.busy ? 'true' : undefined}
      aria-expanded={props.ariaExpanded}
      aria-controls={props.ariaControls}
      onClick={props.onClick}
    >
      {props.busy ? <span class="spinner spinner--inline" aria-hidden="true" /> : null}
      {props.busy && props.busyLabel ? props.busyLabel : props.children}
    </button>
  );
}
