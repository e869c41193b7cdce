export type { Catalogue, MessageKey } from './messages/en';

/** The interface languages; the first is the default. */
export const locales = ['nb', 'nn', 'sv', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'nb';

/** BCP 47 tags for Intl: Norwegian dd.mm.yyyy, Swedish yyyy-mm-dd, decimal comma in both. */
const intlTags: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', sv: 'sv-SE', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export type Params = Record<string, string | number>;

/**
 * A catalogue text with its parameters filled in; an unknown one stays visible. A number
 * that decides a word's form is written `{count, plural, one {# påminning} other {#
 * påminningar}}`: the category comes from Intl.PluralRules in the reader's language,
 * `#` is the number, and `other` is required. (The server translates with
 * $lib/server/i18n; a page with its context's `t`.)
 */
export function interpolate(text: string, params?: Params, locale: Locale = defaultLocale): string {
	if (!params) return text;
	return text
		.replace(PLURAL, (whole, name: string, forms: string) => {
			const value = params[name];
			if (typeof value !== 'number') return whole;
			const chosen = pluralForms(forms).get(pluralRules(locale).select(value)) ?? pluralForms(forms).get('other');
			return chosen === undefined ? whole : chosen.replace(/#/g, String(value));
		})
		.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `{name, plural, one {…} other {…}}`, one level of braces inside each form. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;

function pluralForms(forms: string): Map<string, string> {
	return new Map([...forms.matchAll(/(zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)].map((m) => [m[1]!, m[2]!]));
}

const pluralRuleCache = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
	let rules = pluralRuleCache.get(locale);
	if (!rules) pluralRuleCache.set(locale, (rules = new Intl.PluralRules(intlTags[locale])));
	return rules;
}

/**
 * Picks the interface language from an Accept-Language header. Plain "no" reads as
 * bokmål; anything unknown gives the default.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
	const ranked = (header ?? '')
		.split(',')
		.map((part, index) => {
			const [tag = '', ...rest] = part.trim().toLowerCase().split(';');
			const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag, q: q ? Number.parseFloat(q.slice(2)) : 1, index };
		})
		.filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of ranked) {
		const primary = tag.split('-')[0];
		if (primary === 'nn') return 'nn';
		if (primary === 'nb' || primary === 'no') return 'nb';
		if (primary === 'sv') return 'sv';
		if (primary === 'en') return 'en';
	}
	return defaultLocale;
}

// One formatter per language and kind, as for numbers below: building one per call costs more than formatting.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, kind: 'date' | 'time'): Intl.DateTimeFormat {
	const key = `${locale}:${kind}`;
	let format = dateFormats.get(key);
	if (!format) {
		const parts: Intl.DateTimeFormatOptions = kind === 'date' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
		dateFormats.set(key, (format = new Intl.DateTimeFormat(intlTags[locale], { ...parts, timeZone: 'Europe/Oslo' })));
	}
	return format;
}

export function formatDate(locale: Locale, date: Date | string): string {
	return dateFormat(locale, 'date').format(typeof date === 'string' ? new Date(date) : date);
}

/** The time of day, hh:mm, rounded up to the next minute: "try again at" must not be too early. */
export function formatTime(locale: Locale, date: Date | string): string {
	const value = typeof date === 'string' ? new Date(date) : date;
	return dateFormat(locale, 'time').format(new Date(Math.ceil(value.getTime() / 60_000) * 60_000));
}

/** "A, B and C" in the reader's language. */
export function formatList(locale: Locale, items: readonly string[]): string {
	return new Intl.ListFormat(intlTags[locale], { type: 'conjunction' }).format(items);
}

export function formatDateTime(locale: Locale, date: Date | string): string {
	const value = typeof date === 'string' ? new Date(date) : date;
	return `${formatDate(locale, value)} ${dateFormat(locale, 'time').format(value)}`;
}

// One formatter per language and precision: building one per number was the largest cost of rendering a dashboard (bench/README.md).
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
	const key = `${locale}:${fractionDigits}`;
	let format = numberFormats.get(key);
	if (!format)
		numberFormats.set(
			key,
			(format = new Intl.NumberFormat(intlTags[locale], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }))
		);
	return format.format(value);
}

/** Compares text the way the language sorts it: æøå and åäö after z. */
export function collator(locale: Locale): Intl.Collator {
	return new Intl.Collator(intlTags[locale], { sensitivity: 'base', numeric: true });
}
