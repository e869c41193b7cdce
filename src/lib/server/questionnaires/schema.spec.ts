import { describe, expect, it } from 'vitest';
import { definition, item } from './fixtures';
import { questionnaireDefinition } from './schema';

const problemsOf = (value: unknown) => questionnaireDefinition.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('questionnaire schema', () => {
	it('accepts a complete definition', () => {
		expect(problemsOf(definition())).toEqual([]);
	});

	it('fills in the default level values and coverage rule', () => {
		const def = definition();
		const { values: _v, coverage: _c, ...bandsOnly } = def.scoring;
		const parsed = questionnaireDefinition.parse({ ...def, scoring: bandsOnly });
		expect(parsed.scoring.values).toEqual([0, 25, 50, 75, 100]);
		expect(parsed.scoring.coverage).toBe(0.6);
	});

	it('requires every text in nb, sv and en, none empty or a placeholder', () => {
		const def = definition();
		def.items[0]!.levels![2] = { nb: 'Nivå', en: 'Level' } as never;
		def.items[1]!.help.sv = '   ';
		def.items[2]!.text.en = 'TODO: write this';
		expect(problemsOf(def)).toEqual([
			'items.1.help.sv: must not be empty',
			'items.2.text.en: is placeholder text',
			'items.0.levels.2.sv: is missing: the file declares nb, sv, en'
		]);
	});

	it('wants one level descriptor and one recommendation per point of a scale', () => {
		const def = definition();
		def.items[0]!.levels!.pop();
		def.items[1]!.recommendations!.push(def.items[1]!.recommendations![0]!);
		def.items[2]!.values = [0, 40, 100];
		expect(problemsOf(def)).toEqual([
			// without values of its own, a scale has as many points as descriptors
			'items.0.recommendations: needs 4 recommendations, one per point (has 5)',
			'items.1.recommendations: needs 5 recommendations, one per point (has 6)',
			'items.2.levels: needs 3 level descriptors, one per point (has 5)'
		]);
	});

	it('refuses duplicate keys, unknown dimensions, keys outside their dimension and weights ≤ 0', () => {
		const def = definition({
			items: [
				item('culture.openness'),
				item('culture.openness'),
				item('strategy.goals'),
				item('culture.misplaced', { dimension: 'technology' }),
				item('technology.zero', { weight: 0 })
			]
		});
		expect(problemsOf(def)).toEqual([
			'items.4.weight: must be greater than 0',
			'items.1.key: duplicate item key "culture.openness"',
			'items.2.dimension: unknown dimension "strategy"',
			'items.3.key: must start with its dimension: "technology.…"'
		]);
	});

	it('refuses a dimension without items', () => {
		const def = definition();
		def.items = def.items.filter((i) => i.dimension !== 'technology');
		expect(problemsOf(def)).toEqual(['dimensions.1.key: dimension "technology" has no items']);
	});

	it('requires bands from 0 upwards and values that do not decrease', () => {
		const def = definition();
		def.scoring.bands[0]!.from = 5;
		def.scoring.bands[3]!.from = 30;
		def.scoring.values = [0, 50, 25, 75, 100];
		expect(problemsOf(def)).toEqual([
			'scoring.values.2: values must not decrease from the lowest point to the highest',
			'scoring.bands.0.from: the first band must start at 0',
			'scoring.bands.3.from: bands must start at ascending scores'
		]);
	});

	it('wants band boundaries with at most one decimal, as scores are shown', () => {
		const def = definition();
		def.scoring.bands[2]!.from = 33.3;
		def.scoring.bands[3]!.from = 66.67;
		expect(problemsOf(def)).toEqual(['scoring.bands.3.from: must have at most one decimal, like the scores shown']);
	});

	it('reads a declared rescoring: all or item keys, with a reason in every language', () => {
		const reason = { nb: 'Ny vekt', sv: 'Ny vikt', en: 'New weight' };
		const crosswalk = (rescored: unknown) => definition({ version: 2, crosswalk: { previous: 1, items: {}, rescored } as never });
		expect(
			problemsOf(
				crosswalk([
					{ items: 'all', reason },
					{ items: ['culture.openness'], reason }
				])
			)
		).toEqual([]);
		expect(
			problemsOf(
				crosswalk([
					{ items: 'some', reason: { en: 'x' } },
					{ items: [], reason }
				])
			)
		).toEqual([
			'crosswalk.rescored.0.items: must be all or a list of item keys',
			'crosswalk.rescored.1.items: must name at least one item',
			'crosswalk.rescored.0.reason.nb: is missing: the file declares nb, sv, en',
			'crosswalk.rescored.0.reason.sv: is missing: the file declares nb, sv, en'
		]);
		expect(problemsOf(crosswalk([]))).toEqual(['crosswalk.rescored: must not be empty']);
	});

	it('wants a crosswalk from version 2 on, and none in version 1', () => {
		expect(problemsOf(definition({ version: 2 }))).toEqual(['version: version 2 needs a crosswalk to the previous version']);
		expect(problemsOf(definition({ crosswalk: { previous: 1, items: {} } }))).toEqual(['crosswalk: version 1 has no previous version to compare with']);
		expect(problemsOf(definition({ version: 2, crosswalk: { previous: 3, items: {} } }))).toEqual(['crosswalk.previous: must be an earlier version than 2']);
	});

	it('refuses unknown fields, so a typo does not pass silently', () => {
		expect(problemsOf({ ...definition(), titel: 'x' })).toEqual([': Unrecognized key: "titel"']);
	});
});
