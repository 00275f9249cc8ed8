// The public face of the translation layer: import from 'shared/i18n', not from its files.
export {
  currentLocale,
  currentTimeZone,
  hasMessage,
  langIfOther,
  loadCatalogue,
  setLocale,
  setTimeZone,
  subscribe,
  t,
  translate,
  useLocale,
  useT,
  type MessageKey,
  type MessageValues,
  type Messages,
  type Translate,
} from './i18n';
export { DEFAULT_LOCALE, LANGUAGE_NAMES, LOCALES, isLocale, matchLocale, type Locale } from './locale';
