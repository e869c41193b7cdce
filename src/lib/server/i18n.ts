import { interpolate, type Locale, type MessageKey, type Params } from '../i18n';
import { catalogues } from '../i18n/messages';

/**
 * A text in any of the three languages, for what the server writes itself: mails,
 * exports, error messages, form errors. It holds every catalogue, so it lives under
 * server/: a page in the browser gets only its reader's language ($lib/i18n/context.ts).
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
	return interpolate(catalogues[locale][key], params, locale);
}
