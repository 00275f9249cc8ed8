import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocale, useT } from '../i18n';

interface PageProps {
  title: string;
  /** Shown above the heading, e.g. a back link. */
  before?: ComponentChildren;
  /** Buttons shown next to the heading. */
  actions?: ComponentChildren;
  intro?: ComponentChildren;
  children: ComponentChildren;
  narrow?: boolean;
  /** The browser tab's title when the heading alone is ambiguous (e.g. "Resource map · Mia K."). */
  documentTitle?: string;
  /** An extra class on the page, e.g. for print rules. */
  class?: string;
}

/**
 * Every screen starts here. Moving focus to the heading after navigation tells
 * screen-reader users that the page changed, which a SPA otherwise never does.
 */
export function Page(props: PageProps) {
  const t = useT();
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusedIn = useRef(locale);
  useEffect(() => {
    document.title = t('app.documentTitle', { title: props.documentTitle ?? props.title });
    // A title that changed only because the language did is the same page: focus stays where it is
    // (on the language switch), so nobody is thrown back to the top.
    if (focusedIn.current === locale) heading.current?.focus({ preventScroll: false });
    focusedIn.current = locale;
  }, [props.title, props.documentTitle, locale]);
  return (
    <section class={`page${props.narrow ? ' page--narrow' : ''}${props.class ? ` ${props.class}` : ''}`} aria-labelledby="page-title">
      {props.before ? <div class="page__before">{props.before}</div> : null}
      <div class="page__head">
        <h1 id="page-title" class="page__title" tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.actions ? <div class="page__actions">{props.actions}</div> : null}
      </div>
      {props.intro ? <div class="page__intro">{props.intro}</div> : null}
      {props.children}
    </section>
  );
}
