import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../exports/round-export';
import { initiativesTable } from './export';
import type { ShownInitiative } from './view';

const base: ShownInitiative = {
	id: '00000000-0000-4000-8000-000000000001',
	collaborationId: '00000000-0000-4000-8000-000000000002',
	scope: 'collaboration',
	municipalityId: null,
	sectorId: null,
	title: 'Felles innføring av digital postkasse',
	description: '=HYPERLINK("x")',
	itemKeys: ['technology.shared-systems'],
	dimensions: [],
	targetLevel: 3,
	ownerId: null,
	ownerName: 'Kari',
	dueOn: '2027-03-31',
	status: 'in_progress',
	overdue: true,
	participants: { named: ['Stange'], others: 2 },
	municipality: null,
	sector: null,
	createdAt: new Date(),
	updatedAt: new Date()
};

describe('initiatives in the workbook', () => {
	it('lists them in the reader’s language, with joint members only as the page names them, and no score', async () => {
		const table = initiativesTable(
			[
				base,
				{
					...base,
					id: 'x',
					scope: 'sector',
					sector: 'Helse og omsorg',
					municipality: 'Stange',
					participants: { named: [], others: 0 },
					overdue: false,
					status: 'done'
				}
			],
			'nb'
		);
		expect(table.headers).toEqual([
			'Tittel',
			'Hvor',
			'Spørsmål tiltaket gjelder',
			'Hele dimensjoner tiltaket gjelder',
			'Nivå tiltaket sikter mot',
			'Eier',
			'Frist',
			'Status',
			'Beskrivelse'
		]);
		expect(table.rows[0]!.slice(0, 2)).toEqual(['Felles innføring av digital postkasse', 'Samarbeidet (felles): Stange, 2 andre medlemmer']);
		expect(table.rows[0]![7]).toBe('Pågår (Forsinket)');
		expect(table.rows[1]![1]).toBe('Sektor: Helse og omsorg, Stange');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx([table], 'sv')) as never);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['Åtgärder']);
		// a text that looks like a formula stays text
		expect(workbook.worksheets[0]!.getCell('I2').value).toBe('=HYPERLINK("x")');
	});
});
