import type { ComponentChildren } from 'preact';

interface CardHeadProps {
  /** The row's class: each card lays its head out its own way ("snote__head", "tracked__head"). */
  headClass: string;
  /** The heading's id (the card's aria-labelledby). */
  id: string;
  title: ComponentChildren;
  /** -1 lets the page move focus to the heading. */
  titleTabIndex?: number;
  /** What sits beside the title: a tag, a button. */
  children?: ComponentChildren;
}

/** A card's title (h2) with something beside it, on one row that wraps. */
export function CardHead(props: CardHeadProps) {
  return (
    <div class={props.headClass}>
      <h2 id={props.id} class="card__title" tabIndex={props.titleTabIndex}>
        {props.title}
      </h2>
      {props.children}
    </div>
  );
}
