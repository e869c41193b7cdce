import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './auth/password';
import type { MessageKey } from '$lib/i18n';
import { catalogues } from '$lib/i18n/messages';

/**
 * Zod schemas for form fields. Messages are catalogue keys, so a form error reaches
 * the person in their own language (see `fieldErrors`).
 */
export const msg = (key: MessageKey) => ({ error: key });

export const emailField = z
	.string(msg('form.email_invalid'))
	.trim()
	.min(1, msg('form.required'))
	.max(254, msg('form.too_long'))
	.pipe(z.email(msg('form.email_invalid')));

export const passwordField = z
	.string(msg('form.required'))
	.min(PASSWORD_MIN, msg('form.password_short'))
	.max(PASSWORD_MAX, msg('form.too_long'));

export const nameField = z.string(msg('form.required')).trim().min(1, msg('form.required')).max(200, msg('form.too_long'));

export const uuidField = z.uuid(msg('form.unknown_id'));

/** Reads a form's text fields (files and repeated fields are not used by our forms). */
export function formFields(form: FormData): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
	return fields;
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

/** Only paths on this site, so a ?redirect= cannot send people elsewhere. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
	return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !value.includes('\\') ? value : fallback;
}

/** One field's error, typed like `fieldErrors` so both fit the same form result. */
export function fieldError(field: string, key: MessageKey): Record<string, MessageKey> {
	return { [field]: key };
}
