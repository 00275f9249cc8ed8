import type { Ref } from 'preact';
import { Button } from './Button';

/**
 * Copies `text`; where the Clipboard API is missing (it needs a secure context, so plain http)
 * selects the text in `input` instead, so the person can still copy it by hand. True when copied.
 */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return false;
  }
}

interface CopyLinkRowProps {
  /** The input's id (its label's `for`). */
  id: string;
  url: string;
  /** The row's class (each place lays it out in its own way). */
  rowClass: string;
  /** What the button says. */
  copyLabel: string;
  /** Called after a press: true when copied, false when the text was selected instead. */
  onCopied: (copied: boolean) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** Renders type="text" on the input (the default). */
  typed?: boolean;
  /** Selects the whole link when the input gets focus. */
  selectOnFocus?: boolean;
  small?: boolean;
}

/** A read-only link with a copy button beside it. */
export function CopyLinkRow(props: CopyLinkRowProps) {
  const { id, url } = props;
  const copy = async () => {
    const input = document.getElementById(id) as HTMLInputElement | null;
    props.onCopied(await copyText(url, input));
  };
  return (
    <div class={props.rowClass}>
      <input
        id={id}
        class="field__input"
        type={props.typed === false ? undefined : 'text'}
        readOnly
        value={url}
        ref={props.inputRef}
        onFocus={props.selectOnFocus ? (e) => (e.currentTarget as HTMLInputElement).select() : undefined}
      />
      <Button small={props.small} variant="secondary" onClick={() => void copy()}>
        {props.copyLabel}
      </Button>
    </div>
  );
}

interface CopyLinkFieldProps extends Omit<CopyLinkRowProps, 'onCopied'> {
  label: string;
  /** What the last press did ("Copied." / "Selected…"), read out politely. */
  status: string;
  onCopied: (copied: boolean) => void;
}

/** A labelled read-only link, a copy button, and a line saying what the button did. */
export function CopyLinkField({ label, status, ...row }: CopyLinkFieldProps) {
  return (
    <div class="field">
      <label class="field__label" for={row.id}>
        {label}
      </label>
      <CopyLinkRow {...row} />
      <p class="field__hint" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
