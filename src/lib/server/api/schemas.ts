/**
 * The read API's shapes (docs/api.md): each resource's row, the page around rows and the
 * error, as zod schemas. The responses are built against them and the OpenAPI document
 * (openapi.ts) is generated from them, so the document cannot drift from what is sent.
 */
import { z } from 'zod';
import { apiResources } from '../../api-resources';
import { hiddenReasons } from '../disclosure/policy';

const id = z.uuid();
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.describe('a date, yyyy-mm-dd');
const time = z.string().describe('a moment, ISO 8601');
const score = z.number().min(0).max(100);

export const collaborationSchema = z
	.object({
		id,
		name: z.string(),
		country: z.enum(['NO', 'SE']),
		legalForm: z.string(),
		membersSeeNames: z.boolean().describe('members see each other by name')
	})
	.meta({ id: 'Collaboration' });

export const memberSchema = z
	.object({ municipalityId: id, nationalNumber: z.string(), name: z.string(), validFrom: day, validTo: day.nullable() })
	.meta({ id: 'Member', description: 'A membership of a municipality in the collaboration, with its dates: members join, leave and return.' });

export const roundSchema = z
	.object({
		id,
		year: z.int(),
		questionnaire: z.string(),
		version: z.int(),
		opensOn: day,
		closesOn: day,
		state: z.enum(['upcoming', 'open', 'closed']),
		final: z.boolean().describe('the numbers come from the snapshot taken after the round closed; false: provisional'),
		snapshotAt: time.nullable().describe('when the snapshot the numbers come from was taken'),
		assessments: z.int(),
		submitted: z.int()
	})
	.meta({ id: 'Round' });

export const assessmentSchema = z
	.object({
		id,
		year: z.int(),
		municipalityId: id,
		sectorKey: z.string(),
		sector: z.string(),
		status: z.enum(['not_started', 'in_progress', 'submitted', 'reopened']),
		respondents: z.int().describe('submitted responses')
	})
	.meta({ id: 'Assessment', description: 'As of the round’s current snapshot.' });

export const scoreSchema = z
	.object({
		level: z
			.enum(['assessment', 'municipality', 'collaboration'])
			.describe('what the row scores: one sector, a municipality (mean of its sectors), the collaboration (mean of its members)'),
		year: z.int(),
		provisional: z.boolean().describe('the round is still open: the number may change'),
		municipalityId: id.nullable(),
		assessmentId: id.nullable(),
		sectorKey: z.string().nullable(),
		dimension: z.string(),
		score: score.nullable().describe('0–100, one decimal, by the one rounding rule'),
		maturityLevel: z.int().nullable().describe('the level of the score’s band'),
		lower: score.nullable().describe('95 % interval'),
		upper: score.nullable(),
		organisations: z.int().nullable().describe('members with a score (collaboration rows)'),
		assessments: z.int().describe('assessments the score rests on'),
		respondents: z.int(),
		sectorsCovered: z.int().nullable(),
		sectorsTotal: z.int().nullable(),
		coverage: z.number().min(0).max(1).nullable().describe('share of the dimension’s weight answered (assessment rows)'),
		dontKnowRate: z.number().min(0).max(1).nullable(),
		seriesBreak: z.boolean().describe('the questions changed since the round before: do not join a line across'),
		changedItems: z.int(),
		withheld: z.enum(hiddenReasons).nullable().describe('why the score is not given to this token (docs/privacy.md)')
	})
	.meta({ id: 'Score' });

export const itemSchema = z
	.object({
		assessmentId: id,
		year: z.int(),
		municipalityId: id,
		sectorKey: z.string(),
		itemKey: z.string(),
		dimension: z.string(),
		mean: score.nullable().describe('pooled over the assessment’s submitted respondents; never one respondent’s answer'),
		answers: z.int().describe('respondents who chose a level'),
		dontKnow: z.int(),
		notApplicable: z.int()
	})
	.meta({ id: 'ItemResult' });

export const targetSchema = z
	.object({ municipalityId: id.nullable().describe('null: the collaboration’s minimum for every member'), dimension: z.string(), level: z.int() })
	.meta({ id: 'Target' });

export const problemSchema = z
	.object({ type: z.string(), title: z.string(), status: z.int(), detail: z.string().optional() })
	.meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
	z.object({ data: z.array(item), next: z.string().nullable().describe('cursor of the next page; null on the last') }).meta({ id: `${name}Page` });

export const resources = {
	collaboration: { schema: collaborationSchema, paged: false, summary: 'The collaboration the token belongs to' },
	members: { schema: memberSchema, paged: true, summary: 'Its members over time' },
	rounds: { schema: roundSchema, paged: true, summary: 'Its rounds, with whether their numbers are final' },
	assessments: { schema: assessmentSchema, paged: true, summary: 'Assessments with their status' },
	scores: { schema: scoreSchema, paged: true, summary: 'Scores per assessment, municipality or collaboration, dimension and round' },
	items: { schema: itemSchema, paged: true, summary: 'Item results pooled per assessment' },
	targets: { schema: targetSchema, paged: true, summary: 'Target levels' }
} as const satisfies Record<(typeof apiResources)[number], unknown>;
export type Resource = keyof typeof resources;

export const scoresQuery = z.object({
	level: z.enum(['assessment', 'municipality', 'collaboration']).default('municipality'),
	year: z.coerce.number().int().min(2000).max(2200).optional()
});
export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() });
export const pageQuery = z.object({
	limit: z.coerce.number().int().min(1).max(10_000).default(1000),
	cursor: z.string().max(200).optional(),
	format: z.enum(['json', 'csv']).optional()
});
