import { getContext, setContext } from 'svelte';
import { formatDate, formatDateTime, formatNumber, interpolate, type Catalogue, type Locale, type MessageKey, type Params } from './index';

export interface I18n {
	readonly locale: Locale;
	t(key: MessageKey, params?: Params): string;
	date(value: Date | string): string;
	dateTime(value: Date | string): string;
	number(value: number, fractionDigits?: number): string;
}

const KEY = Symbol('i18n');

/**
 * Called once by the root layout, with the reader's language and its texts (the only
 * language the browser loads, and at first only the features the page uses; see
 * routes/+layout.ts). Components read both through the getters, so a language change
 * (new layout data) re-renders every text that uses it. A text the page was not given
 * shows its key, visibly wrong; route-messages.spec.ts keeps that from happening.
 */
export function setI18n(getLocale: () => Locale, getCatalogue: () => Partial<Catalogue>): I18n {
	const i18n: I18n = {
		get locale() {
			return getLocale();
		},
		t: (key, params) => interpolate(getCatalogue()[key] ?? key, params, getLocale()),
		date: (value) => formatDate(getLocale(), value),
		dateTime: (value) => formatDateTime(getLocale(), value),
		number: (value, digits) => formatNumber(getLocale(), value, digits)
	};
	return setContext(KEY, i18n);
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
