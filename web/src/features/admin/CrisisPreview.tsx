import type { Crisis } from '../../api/types';
import { telHref } from './safety';

/**
 * The admin's preview of the crisis contacts as a client sees them: the calm text, each contact
 * tappable (call, text, open), and when the practice looks. Links are shown but this is a preview;
 * they work like the client's.
 */
export function CrisisPreview({ crisis, reviewPromise }: { crisis: Crisis; reviewPromise: string }) {
  return (
    <div class="crisis-preview">
      {crisis.text ? <p class="crisis-preview__text">{crisis.text}</p> : <p class="field__hint">No text yet.</p>}
      {crisis.contacts.length ? (
        <ul class="crisis-preview__list">
          {crisis.contacts.map((c, i) => (
            <li key={i} class="crisis-preview__contact">
              <span class="crisis-preview__label">{c.label}</span>
              {c.hours ? <span class="crisis-preview__hours">{c.hours}</span> : null}
              <span class="crisis-preview__ways">
                {c.phone ? (
                  <a class="btn btn--secondary btn--small" href={telHref(c.phone)}>
                    Call {c.phone}
                  </a>
                ) : null}
                {c.sms ? (
                  <a class="btn btn--secondary btn--small" href={telHref(c.sms, 'sms')}>
                    Text {c.sms}
                  </a>
                ) : null}
                {c.url ? (
                  <a class="btn btn--secondary btn--small" href={c.url} target="_blank" rel="noopener noreferrer">
                    Open website<span class="visually-hidden"> of {c.label}</span>
                  </a>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="field__hint">No complete contact yet.</p>
      )}
      {reviewPromise ? (
        <p class="crisis-preview__promise">
          What you share here is read by the practice {reviewPromise}, not in real time.
        </p>
      ) : null}
    </div>
  );
}
