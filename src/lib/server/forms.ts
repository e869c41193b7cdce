import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './auth/password';
import type { MessageKey } from '$lib/i18n';
import { catalogues } from '$lib/i18n/messages';

/**
 * Zod schemas for form fields. Messages are catalogue keys, so a form error reaches
 * the person in their own language (see `fieldErrors`).
 */
export const msg = (key: MessageKey) => ({ error: key });

/**
 * Characters no text field takes: C0 controls and DEL (a NUL is what PostgreSQL refuses,
 * the others are invisible and break exports and logs), C1 controls, and UTF-16
 * surrogates that are not part of a pair. Tab, line feed and carriage return are
 * refused separately, so that text of several lines can keep them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/**
 * The one rule of every text field: no control characters; one line unless `lines`.
 * It comes before the field's own checks (`then`), so a NUL is named as such, not as
 * "too short".
 */
export function textRule<T extends z.ZodType<string, string>>(schema: T, { lines = false } = {}) {
	return schema.refine((s) => !CONTROL.test(s), msg('form.control_characters')).refine((s) => lines || !LINE_BREAK_OR_TAB.test(s), msg('form.single_line'));
}

/** Text as typed (trimmed where `trim`), checked by the one rule, then by `then`. */
export function textField<T extends z.ZodType<unknown, string>>(then: T, { lines = false, trim = true } = {}) {
	const text = z.string(msg('form.required'));
	return textRule(trim ? text.trim() : text, { lines }).pipe(then);
}

/** A text of one line, trimmed; `min: 1` makes it required. */
export function lineField({ min = 0, max }: { min?: number; max: number }) {
	const length = z.string();
	return textField(min > 0 ? length.min(min, msg('form.required')).max(max, msg('form.too_long')) : length.max(max, msg('form.too_long')));
}

export const emailField = textField(
	z
		.string()
		.min(1, msg('form.required'))
		.max(254, msg('form.too_long'))
		.pipe(z.email(msg('form.email_invalid')))
);

/** A password as typed, never trimmed: one line, no control characters. */
export const passwordInput = textField(z.string().min(1, msg('form.required')).max(PASSWORD_MAX, msg('form.too_long')), { trim: false });

/** A new password: at least PASSWORD_MIN characters. */
export const passwordField = textField(z.string().min(PASSWORD_MIN, msg('form.password_short')).max(PASSWORD_MAX, msg('form.too_long')), { trim: false });

export const nameField = lineField({ min: 1, max: 200 });

export const uuidField = z.uuid(msg('form.unknown_id'));

/** Reads a form's text fields (files and repeated fields are not used by our forms). */
export function formFields(form: Iterable<[string, FormDataEntryValue]>): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
	return fields;
}

/**
 * The text fields of a posted form. A URL-encoded body (every form without a file, and the
 * answering page's autosave) is read as text and parsed directly: building a FormData
 * first took about a quarter of the save action's own time in a profile of the autosave
 * (bench/profile-save.ts). Other bodies (multipart) go through formData(). For forms whose
 * fields repeat (getAll), read formData() as before.
 */
export async function postedFields(request: Request): Promise<Record<string, string>> {
	const type = request.headers.get('content-type') ?? '';
	if (type.startsWith('application/x-www-form-urlencoded')) return formFields(new URLSearchParams(await request.text()));
	return formFields(await request.formData());
}

/** The first problem of each field, as catalogue keys. */
export function fieldErrors(error: z.ZodError): Record<string, MessageKey> {
	const out: Record<string, MessageKey> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		out[field] ??= issue.message in catalogues.en ? (issue.message as MessageKey) : 'form.invalid';
	}
	return out;
}

/**
 * Where to send someone next, from a path they named (sign-in's ?redirect=, the
 * language switch, the answering page's next step): only a path of this site, else
 * `fallback`. The target is read the way a browser reads a Location header, so a tab,
 * a line break or a backslash cannot turn `/…` into `//elsewhere`; what comes back is
 * the parsed path, query and fragment, never the raw text.
 */
export function safeReturnPath(value: unknown, origin: string | URL, fallback = '/'): string {
	if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || CONTROL.test(value) || /[\s\\]/.test(value)) return fallback;
	const site = new URL(origin);
	let target: URL;
	try {
		target = new URL(value, site);
	} catch {
		return fallback;
	}
	const path = target.pathname + target.search + target.hash;
	return target.origin === site.origin && /^\/(?![/\\])/.test(path) ? path : fallback;
}

/** One field's error, typed like `fieldErrors` so both fit the same form result. */
export function fieldError(field: string, key: MessageKey): Record<string, MessageKey> {
	return { [field]: key };
}
