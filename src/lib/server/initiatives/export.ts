import type { Locale } from '../../i18n';
import type { Table } from '../exports/round-export';
import { translate } from '../i18n';
import type { ShownInitiative } from './view';

/**
 * The initiatives the reader shares, as a sheet of the round's workbook: where each
 * belongs (members of a joint one by name only as the page shows them), what it
 * addresses, owner, due date and status. No scores: an initiative holds none.
 */
export function initiativesTable(initiatives: ShownInitiative[], locale: Locale): Table {
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
	const where = (i: ShownInitiative) =>
		i.scope === 'collaboration'
			? i.participants.named.length + i.participants.others === 0
				? t('initiative.all_members')
				: [...i.participants.named, ...(i.participants.others > 0 ? [t('initiative.participants_others', { count: i.participants.others })] : [])].join(', ')
			: [i.sector, i.municipality].filter(Boolean).join(', ');
	return {
		sheet: 'initiatives',
		headers: [
			t('initiative.field.title'),
			t('initiative.where'),
			t('initiative.field.items'),
			t('initiative.field.dimensions'),
			t('initiative.field.target_level'),
			t('initiative.field.owner'),
			t('initiative.field.due_on'),
			t('initiative.status'),
			t('initiative.field.description')
		],
		rows: initiatives.map((i) => [
			i.title,
			`${t(`initiative.scope.${i.scope}`)}: ${where(i)}`,
			i.itemKeys.join(', '),
			i.dimensions.join(', '),
			i.targetLevel,
			i.ownerName,
			i.dueOn,
			t(`initiative.status.${i.status}`) + (i.overdue ? ` (${t('initiative.overdue')})` : ''),
			i.description
		])
	};
}
