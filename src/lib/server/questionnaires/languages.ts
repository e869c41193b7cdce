import { locales, type Locale } from '../../i18n';
import { isRecord, languagesOf, textsOf, type Language, type LocalisedText } from './schema';

/**
 * What a reader sees of a questionnaire that is not written in their language: the
 * declared fallback, else the other Norwegian written form where the file has it (bokmål
 * for nynorsk, nynorsk for bokmål), else its first language. Every page that shows a
 * questionnaire's text says so (answer.language_fallback).
 */
export interface Declared {
	languages?: readonly string[] | unknown;
	fallback?: string | unknown;
}

export function readingLanguage(declared: Declared, locale: Locale): { language: Language; fallback: boolean } {
	const languages = languagesOf(declared);
	if ((languages as readonly string[]).includes(locale)) return { language: locale as Language, fallback: false };
	if (typeof declared.fallback === 'string' && (languages as readonly string[]).includes(declared.fallback))
		return { language: declared.fallback as Language, fallback: true };
	const sibling = locale === 'nn' ? 'nb' : locale === 'nb' ? 'nn' : undefined;
	if (sibling && languages.includes(sibling)) return { language: sibling, fallback: true };
	return { language: languages[0]!, fallback: true };
}

/** The text with every interface language filled in: a language the file lacks gets its reader's fallback. */
export function completeText(text: Partial<Record<string, string>>, declared: Declared): LocalisedText {
	const complete = { ...text } as Record<string, string>;
	for (const locale of locales) if (complete[locale] === undefined) complete[locale] = text[readingLanguage(declared, locale).language] ?? '';
	return complete as LocalisedText;
}

/** A copy of a definition whose every text is complete (completeText), so any reader's language can be read from it. */
export function completeTexts<T extends Declared>(definition: T): T {
	const copy = structuredClone(definition);
	if (!isRecord(copy)) return copy;
	for (const { text } of textsOf(copy)) Object.assign(text, completeText(text as Record<string, string>, copy));
	return copy;
}
