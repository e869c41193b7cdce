import { z } from 'zod';
import type { MessageKey } from '../../i18n';
import type { InitiativeScope } from '../auth/access';
import { fieldErrors, formFields, lineField, msg, textField, uuidField } from '../forms';
import { dimensionKey, itemKey } from '../questionnaires/schema';
import { statuses, type InitiativeInput, type InitiativeStatus } from './initiatives';

/**
 * The initiative forms. Items, dimensions and participants are repeated fields (one per
 * chosen checkbox), so they are read with getAll; everything else is one field each.
 */
const dateField = z
	.string()
	.trim()
	.transform((s) => (s === '' ? null : s))
	.pipe(
		z.iso
			.date(msg('initiative.error.date'))
			// a due date, not history: PostgreSQL refuses year 0, and nobody plans for 1066
			.refine((d) => Number(d.slice(0, 4)) >= 2000 && Number(d.slice(0, 4)) <= 2200, msg('initiative.error.date'))
			.nullable()
	);

const details = z.object({
	title: lineField({ min: 1, max: 200 }),
	description: textField(z.string().max(8000, msg('form.too_long')), { lines: true }),
	targetLevel: z
		.string()
		.trim()
		.transform((s) => (s === '' ? null : Number(s)))
		.pipe(z.int(msg('form.invalid')).min(1, msg('form.invalid')).max(10, msg('form.invalid')).nullable()),
	owner: z
		.string()
		.trim()
		.transform((s) => (s === '' ? null : s))
		.pipe(uuidField.nullable()),
	dueOn: dateField
});

const lists = z.object({
	items: z.array(itemKey).max(100),
	dimensions: z.array(dimensionKey).max(20),
	participants: z.array(uuidField).max(100)
});

const scope = z.discriminatedUnion('scope', [
	z.object({ scope: z.literal('sector'), municipality: uuidField, sector: uuidField }),
	z.object({ scope: z.literal('municipality'), municipality: uuidField }),
	z.object({ scope: z.literal('collaboration') })
]);

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, MessageKey>; values: Record<string, string> };

const text = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');

export function parseDetails(form: FormData): FormResult<Omit<InitiativeInput, 'at'>> {
	const fields = formFields(form);
	const parsed = details.safeParse({
		title: fields.title ?? '',
		description: fields.description ?? '',
		targetLevel: fields.targetLevel ?? '',
		owner: fields.owner ?? '',
		dueOn: fields.dueOn ?? ''
	});
	const chosen = lists.safeParse({ items: text(form, 'item'), dimensions: text(form, 'dimension'), participants: text(form, 'participant') });
	if (!parsed.success || !chosen.success) {
		const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(chosen.success ? {} : { items: 'form.invalid' as const }) };
		return { ok: false, errors, values: fields };
	}
	const d = parsed.data;
	const l = chosen.data;
	return {
		ok: true,
		value: {
			title: d.title,
			description: d.description,
			targetLevel: d.targetLevel,
			ownerId: d.owner,
			dueOn: d.dueOn,
			itemKeys: [...new Set(l.items)],
			dimensions: [...new Set(l.dimensions)],
			participants: [...new Set(l.participants)]
		}
	};
}

export function parseScope(fields: Record<string, string | undefined>): InitiativeScope | null {
	const parsed = scope.safeParse(fields);
	if (!parsed.success) return null;
	const s = parsed.data;
	if (s.scope === 'sector') return { scope: 'sector', municipalityId: s.municipality, sectorId: s.sector };
	if (s.scope === 'municipality') return { scope: 'municipality', municipalityId: s.municipality };
	return { scope: 'collaboration' };
}

const statusForm = z.object({
	status: z.enum(statuses, msg('form.invalid')),
	note: textField(z.string().max(1000, msg('form.too_long')), { lines: true })
});

export function parseStatus(form: FormData): FormResult<{ status: InitiativeStatus; note: string }> {
	const fields = formFields(form);
	const parsed = statusForm.safeParse({ status: fields.status, note: fields.note ?? '' });
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error), values: fields };
}
