import type { ComponentChildren } from 'preact';
import { isModifiedClick, navigate } from '../router';

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
}

/** A real <a href> (so it can be opened in a new tab) that navigates in-app on a plain click. */
export function Link(props: LinkProps) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => {
        if (isModifiedClick(e)) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
