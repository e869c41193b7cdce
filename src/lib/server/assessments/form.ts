import { z } from 'zod';
import type { MessageKey } from '../../i18n';
import { fieldErrors, msg, textField } from '../forms';
import { isWebAddress, type AnswerInput } from './answering';

/**
 * The answering form, as the step page posts it with or without JavaScript. Each item
 * sends `rev:<key>` (the revision the page showed) and may send `choice:<key>` ("1"…"5",
 * "dont_know", "not_applicable"), `reason:<key>`, `comment:<key>` and `evidence:<key>`.
 * The page with JavaScript posts only the items that changed, in the same shape, and
 * `writer`, its random id (see saveAnswers); a missing or malformed id counts as none.
 */
export const answerFieldNames = (key: string) => ({
	revision: `rev:${key}`,
	choice: `choice:${key}`,
	reason: `reason:${key}`,
	comment: `comment:${key}`,
	evidence: `evidence:${key}`
});

/** Reasons and comments may have several lines; an evidence link has one. */
const optionalText = (max: number, lines: boolean) =>
	textField(z.string().max(max, msg('form.too_long')), { lines, trim: false })
		.optional()
		.transform((s) => (s?.trim() ? s.trim() : null));

const itemFields = z
	.object({
		revision: z.coerce.number(msg('form.invalid')).int(msg('form.invalid')).min(0, msg('form.invalid')).max(2 ** 31 - 1, msg('form.invalid')),
		choice: z
			.enum(['1', '2', '3', '4', '5', 'dont_know', 'not_applicable', ''], msg('answer.refused.unknown_level'))
			.optional()
			.transform((c) => (c ? c : null)),
		reason: optionalText(2000, true),
		comment: optionalText(4000, true),
		evidence: optionalText(2000, false).refine((url) => url === null || isWebAddress(url), msg('answer.refused.evidence_invalid'))
	})
	.superRefine((item, ctx) => {
		if (item.choice === 'not_applicable' && !item.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'answer.refused.na_reason_required' });
	});

export interface ParsedAnswers {
	answers: AnswerInput[];
	/** per item key: what is wrong with it (those items are not in `answers`) */
	errors: Record<string, MessageKey>;
	/** the posting page's random id (the page with JavaScript sends `writer`), else null */
	writer: string | null;
}

/** The answers in a posted form; items with a problem are reported, not dropped silently. */
export function parseAnswerForm(fields: Record<string, string>): ParsedAnswers {
	const keys = Object.keys(fields).flatMap((name) => (name.startsWith('rev:') ? [name.slice(4)] : []));
	const answers: AnswerInput[] = [];
	const errors: Record<string, MessageKey> = {};
	for (const key of keys) {
		const names = answerFieldNames(key);
		const parsed = itemFields.safeParse({
			revision: fields[names.revision],
			choice: fields[names.choice],
			reason: fields[names.reason],
			comment: fields[names.comment],
			evidence: fields[names.evidence]
		});
		if (!parsed.success) {
			errors[key] = Object.values(fieldErrors(parsed.error))[0] ?? 'form.invalid';
			continue;
		}
		const { choice, reason, comment, evidence, revision } = parsed.data;
		const isLevel = choice !== null && /^[1-5]$/.test(choice);
		answers.push({
			itemKey: key,
			kind: choice === null ? null : isLevel ? 'level' : (choice as 'dont_know' | 'not_applicable'),
			level: isLevel ? Number(choice) : null,
			naReason: choice === 'not_applicable' ? reason : null,
			comment,
			evidenceUrl: evidence,
			baseRevision: revision
		});
	}
	const writer = z.uuid().safeParse(fields.writer);
	return { answers, errors, writer: writer.success ? writer.data : null };
}
