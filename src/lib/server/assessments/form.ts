import { z } from 'zod';
import type { MessageKey } from '../../i18n';
import { fieldErrors, msg, textField } from '../forms';
import { isWebAddress, type AnswerInput } from './save-protocol';

/**
 * The answering form, as the step page posts it with or without JavaScript. Each item
 * sends `rev:<key>` (the revision the page showed) and may send `choice:<key>` (a point
 * "1", "2", …, "dont_know", "not_applicable", or "given": the ticks or the amount below),
 * `tick:<key>:<option>` per option ticked, `amount:<key>`, `reason:<key>`,
 * `comment:<key>` and `evidence:<key>`. Which points, options and amounts the item has
 * is the scoring module's to check (saveAnswers), not the form's.
 * The page with JavaScript posts only the items that changed, in the same shape, and
 * `writer`, its random id (see saveAnswers); a missing or malformed id counts as none.
 */
export const answerFieldNames = (key: string) => ({
	revision: `rev:${key}`,
	choice: `choice:${key}`,
	tick: (option: string) => `tick:${key}:${option}`,
	amount: `amount:${key}`,
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
		revision: z.coerce
			.number(msg('form.invalid'))
			.int(msg('form.invalid'))
			.min(0, msg('form.invalid'))
			.max(2 ** 31 - 1, msg('form.invalid')),
		choice: z
			.string()
			.regex(/^([1-9][0-9]?|dont_know|not_applicable|given|)$/, msg('answer.refused.unknown_level'))
			.optional()
			.transform((c) => (c ? c : null)),
		ticked: z.array(z.string().max(60, msg('answer.refused.unknown_level'))).max(100, msg('answer.refused.unknown_level')),
		// A decimal comma is as good as a point; an empty field is no amount.
		amount: z
			.string()
			.max(30, msg('answer.refused.amount_invalid'))
			.optional()
			.transform((a) => (a?.trim() ? a.trim().replace(',', '.').replace(/\s|%/g, '') : null))
			.refine((a) => a === null || /^[0-9]+(\.[0-9]+)?$/.test(a), msg('answer.refused.amount_invalid'))
			.transform((a) => (a === null ? null : Number(a))),
		reason: optionalText(2000, true),
		comment: optionalText(4000, true),
		evidence: optionalText(2000, false).refine((url) => url === null || isWebAddress(url), msg('answer.refused.evidence_invalid'))
	})
	.superRefine((item, ctx) => {
		if (item.choice === 'not_applicable' && !item.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'answer.refused.na_reason_required' });
	});

// Made once: a Zod schema costs more to build than to run, and every save reads a writer.
const writerId = z.uuid();

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
		const tickPrefix = names.tick('');
		const parsed = itemFields.safeParse({
			revision: fields[names.revision],
			choice: fields[names.choice],
			ticked: Object.keys(fields).flatMap((name) => (name.startsWith(tickPrefix) && fields[name] ? [name.slice(tickPrefix.length)] : [])),
			amount: fields[names.amount],
			reason: fields[names.reason],
			comment: fields[names.comment],
			evidence: fields[names.evidence]
		});
		if (!parsed.success) {
			errors[key] = Object.values(fieldErrors(parsed.error))[0] ?? 'form.invalid';
			continue;
		}
		const { choice, ticked, amount, reason, comment, evidence, revision } = parsed.data;
		answers.push({
			itemKey: key,
			...chosen(choice, ticked, amount),
			naReason: choice === 'not_applicable' ? reason : null,
			comment,
			evidenceUrl: evidence,
			baseRevision: revision
		});
	}
	const writer = writerId.safeParse(fields.writer);
	return { answers, errors, writer: writer.success ? writer.data : null };
}

/** What the item's fields say was answered: "don't know" and "not applicable" win over ticks or an amount left in the form. */
function chosen(choice: string | null, ticked: string[], amount: number | null): Pick<AnswerInput, 'kind' | 'level' | 'ticked' | 'amount'> {
	const none = { level: null, ticked: null, amount: null };
	if (choice === 'dont_know' || choice === 'not_applicable') return { kind: choice, ...none };
	if (choice !== null && choice !== 'given') return { kind: 'level', ...none, level: Number(choice) };
	if (ticked.length > 0) return { kind: 'ticked', ...none, ticked };
	if (amount !== null) return { kind: 'amount', ...none, amount };
	return { kind: null, ...none };
}
