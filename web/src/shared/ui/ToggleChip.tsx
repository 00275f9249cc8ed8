import type { ComponentChildren } from 'preact';

interface ToggleChipProps {
  /** The input's id (the label's `for`). */
  id: string;
  /** The chip's class: each place styles its chips its own way ("jchip", "schip", …). */
  chipClass: string;
  /** A checkbox (several may be on) or a radio (one of a group, named by `name`). */
  type?: 'checkbox' | 'radio';
  name?: string;
  value?: string;
  checked: boolean;
  /** Called with the input's new state (a radio only reports being chosen). */
  onToggle: (on: boolean) => void;
  title?: string;
  children: ComponentChildren;
}

/** A pill-shaped label around a visually hidden checkbox or radio; pressing it toggles the choice. */
export function ToggleChip(props: ToggleChipProps) {
  return (
    <label class={props.chipClass} for={props.id} title={props.title}>
      <input
        id={props.id}
        type={props.type ?? 'checkbox'}
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={(e) => props.onToggle((e.currentTarget as HTMLInputElement).checked)}
      />
      <span>{props.children}</span>
    </label>
  );
}
