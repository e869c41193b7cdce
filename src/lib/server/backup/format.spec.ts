import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BackupFormatError, checkNesting, columnsOf, parseBackup, parseBackupText } from './format';

const collaborationId = '0b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e';
const sectorId = '1b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e';

/** The smallest valid backup: a collaboration with one sector and nothing else. */
const minimal = () => ({
	format: BACKUP_FORMAT,
	version: 1,
	exportedAt: '2026-11-23T12:00:00.123456+00:00',
	collaboration: {
		id: collaborationId,
		name: 'Hedmark IKT',
		legal_form: 'iks',
		country: 'NO',
		members_see_names: false,
		created_at: '2026-01-01T08:00:00+00:00',
		results_only_approved: false
	},
	municipalities: [],
	populations: [],
	memberships: [],
	sectors: [
		{
			id: sectorId,
			collaboration_id: collaborationId,
			key: 'kultur',
			name_nb: 'Kultur',
			name_sv: 'Kultur',
			name_en: 'Culture',
			name_nn: 'Kultur',
			whole_municipality: false,
			position: 0,
			archived_at: null
		}
	],
	questionnaireVersions: [],
	rounds: [],
	assessments: [],
	responses: [],
	answers: [],
	targets: [],
	initiatives: [],
	initiativeParticipants: [],
	initiativeEvents: [],
	auditEvents: [],
	people: [],
	grants: []
});

describe('parseBackup', () => {
	it('accepts a complete document and keeps its values as they are', () => {
		expect(parseBackup(minimal())).toEqual(minimal());
	});

	it('names a wrong format, a missing format and another version plainly', () => {
		expect(() => parseBackup({ ...minimal(), format: 'moden-demo' })).toThrow(/not a Moden collaboration backup.*it says "moden-demo"/);
		expect(() => parseBackup([1, 2])).toThrow(BackupFormatError);
		expect(() => parseBackup('{}')).toThrow(/"format" must be "moden-collaboration-backup"/);
		expect(() => parseBackup({ ...minimal(), version: 2 })).toThrow(/format version 2; this version of Moden restores version 1 only/);
		const { version: _version, ...unversioned } = minimal();
		expect(() => parseBackup(unversioned)).toThrow(/names no format version/);
	});

	it('lists missing fields and wrong values by their path', () => {
		const { rounds: _rounds, ...noRounds } = minimal();
		expect(() => parseBackup(noRounds)).toThrow(/rounds: missing \(array expected\)/);
		const document = minimal();
		document.sectors[0]!.position = 'first' as never;
		expect(() => parseBackup(document)).toThrow(/sectors\.0\.position: /);
		const { key: _key, ...keyless } = minimal().sectors[0]!;
		expect(() => parseBackup({ ...minimal(), sectors: [keyless] })).toThrow(/sectors\.0\.key: missing/);
	});

	it('refuses columns it does not know, rather than dropping them', () => {
		const document = minimal();
		expect(() => parseBackup({ ...document, sectors: [{ ...document.sectors[0]!, colour: 'red' }] })).toThrow(/sectors\.0: Unrecognized key: "colour"/);
	});

	it('refuses rows of another collaboration, which would be written into that tenant', () => {
		const document = minimal();
		document.sectors[0]!.collaboration_id = '2b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e';
		expect(() => parseBackup(document)).toThrow(/sectors\.0\.collaboration_id: belongs to another collaboration/);
	});

	it('refuses a round whose questionnaire version the document does not name', () => {
		const round = {
			id: '3b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e',
			collaboration_id: collaborationId,
			year: 2026,
			questionnaire_version_id: '4b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e',
			opens_on: '2026-09-01',
			closes_on: '2026-11-30',
			closed_at: null,
			created_at: '2026-08-01T10:00:00+02:00'
		};
		expect(() => parseBackup({ ...minimal(), rounds: [round] })).toThrow(/rounds\.0\.questionnaire_version_id: is not one of the questionnaireVersions/);
		const version = { id: round.questionnaire_version_id, slug: 'digital-maturity', version: 2, content_hash: 'abc' };
		// a backup from before automatic reminders: its rounds get the default days
		expect(parseBackup({ ...minimal(), rounds: [round], questionnaireVersions: [version] }).rounds).toEqual([{ ...round, reminder_days: [7, 2] }]);
	});

	it('lists at most ten problems', () => {
		const message = (() => {
			try {
				parseBackup({ format: BACKUP_FORMAT, version: 1 });
			} catch (e) {
				return (e as Error).message;
			}
		})();
		expect(message?.split('\n').filter((line) => line.startsWith('  ')).length).toBe(11);
		expect(message).toMatch(/… and \d+ more$/);
	});

	it('holds the columns of each table in the table’s order', () => {
		expect(columnsOf('answer')).toEqual([
			'response_id',
			'collaboration_id',
			'questionnaire_version_id',
			'item_key',
			'kind',
			'level',
			'ticked',
			'amount',
			'na_reason',
			'comment',
			'evidence_url',
			'revision',
			'updated_at'
		]);
	});

	it('refuses what the database cannot store and roles of the platform, before anything is written', () => {
		const sector = minimal().sectors[0]!;
		expect(() => parseBackup({ ...minimal(), sectors: [{ ...sector, name_nb: 'Kul\u0000tur' }] })).toThrow(/sectors\.0\.name_nb: holds a NUL/);
		expect(() => parseBackup({ ...minimal(), sectors: [{ ...sector, name_en: 'Cul\ud800ture' }] })).toThrow(
			/sectors\.0\.name_en: holds a NUL or a lone surrogate/
		);
		const grant = {
			id: sectorId.replace('1b', '5b'),
			user_id: sectorId.replace('1b', '6b'),
			role: 'platform_admin',
			collaboration_id: collaborationId,
			municipality_id: null,
			sector_id: null,
			created_at: '2026-01-01T08:00:00+00:00',
			created_by: null
		};
		expect(() => parseBackup({ ...minimal(), grants: [grant] })).toThrow(/grants\.0\.role: /);
		const event = {
			id: 1,
			collaboration_id: collaborationId,
			actor_id: null,
			action: 'x',
			subject_type: null,
			subject_id: null,
			ip: null,
			at: '2026-01-01T08:00:00+00:00'
		};
		expect(() => parseBackup({ ...minimal(), auditEvents: [{ ...event, detail: { nested: ['ok', { 'k\u0000': 1 }] } }] })).toThrow(
			/auditEvents\.0\.detail: holds a NUL/
		);
		expect(parseBackup({ ...minimal(), auditEvents: [{ ...event, detail: { note: 'two\nlines', emoji: '😀' } }] }).auditEvents).toHaveLength(1);
	});
});

describe('parseBackupText', () => {
	it('refuses a document nested too deep before parsing it, whatever the nesting is made of', () => {
		for (const deep of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(65) + '1' + '}'.repeat(65)]) {
			expect(() => parseBackupText(deep)).toThrow(/nested more than 64 levels deep/);
		}
		// brackets inside strings (escaped quotes too) are text, not nesting
		expect(() => checkNesting(JSON.stringify({ text: '['.repeat(1000) + '\\"' + '{'.repeat(1000) }))).not.toThrow();
		expect(() => checkNesting('['.repeat(64) + ']'.repeat(64))).not.toThrow();
	});

	it('says plainly when the text is not JSON, and checks the whole document', () => {
		expect(() => parseBackupText('{"format": ')).toThrow(/cannot be read as JSON/);
		expect(parseBackupText(JSON.stringify(minimal()))).toEqual(minimal());
	});
});

describe('backups made before initiatives existed', () => {
	it('restore with none', () => {
		const { initiatives: _i, initiativeParticipants: _p, initiativeEvents: _e, ...older } = minimal();
		expect(parseBackup(older)).toMatchObject({ initiatives: [], initiativeParticipants: [], initiativeEvents: [] });
	});
});
