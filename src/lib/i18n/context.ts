import { getContext, setContext } from 'svelte';
import { formatDate, formatDateTime, formatNumber, interpolate, pluralKey, type Catalogue, type Locale, type MessageKey, type Params, type PluralBase } from './index';

export interface I18n {
	readonly locale: Locale;
	t(key: MessageKey, params?: Params): string;
	/** a text with a count in it, in the form the count takes in the language; `{count}` is the number */
	tn(base: PluralBase, count: number, params?: Params): string;
	date(value: Date | string): string;
	dateTime(value: Date | string): string;
	number(value: number, fractionDigits?: number): string;
}

const KEY = Symbol('i18n');

/**
 * Called once by the root layout, with the reader's language and its catalogue (the
 * only one the browser loads; see messages/load.ts). Components read both through the
 * getters, so a language change (new layout data) re-renders every text that uses it.
 */
export function setI18n(getLocale: () => Locale, getCatalogue: () => Catalogue): I18n {
	const i18n: I18n = {
		get locale() {
			return getLocale();
		},
		t: (key, params) => interpolate(getCatalogue()[key], params),
		tn: (base, count, params) => interpolate(getCatalogue()[pluralKey(getLocale(), base, count)], { count: formatNumber(getLocale(), count), ...params }),
		date: (value) => formatDate(getLocale(), value),
		dateTime: (value) => formatDateTime(getLocale(), value),
		number: (value, digits) => formatNumber(getLocale(), value, digits)
	};
	return setContext(KEY, i18n);
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
