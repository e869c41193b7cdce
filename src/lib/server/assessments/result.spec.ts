import { describe, expect, it } from 'vitest';
import { definition as sample, item } from '../questionnaires/fixtures';
import { dimensionScores, itemScores, type AnswerValue } from '../scoring/score';
import { resultView } from './result';

describe('resultView explains its figures', () => {
	const definition = sample({
		items: [item('culture.a'), item('culture.b'), item('culture.c', { allow_na: true }), item('culture.d'), item('culture.e'), item('technology.a')]
	});
	const answers = (entries: Record<string, AnswerValue>) => new Map(Object.entries(entries));
	const respondents = [
		answers({
			'culture.a': { kind: 'level', level: 4 },
			'culture.b': { kind: 'level', level: 3 },
			'culture.c': { kind: 'not_applicable' },
			'culture.d': { kind: 'dont_know' },
			'culture.e': { kind: 'level', level: 4 }
		})
	];
	const pooled = {
		respondents: 1,
		dimensions: dimensionScores(definition.scoring, definition.items, respondents).map((d) => ({ ...d, withheld: null })),
		items: Object.fromEntries([...itemScores(definition.scoring, definition.items, respondents)].map(([k, i]) => [k, { ...i, withheld: null }]))
	};

	it('says how many questions count, what was left out, and which band the level comes from', () => {
		const view = resultView(definition, pooled, 'en');
		const culture = view.dimensions.find((d) => d.dimension === 'culture')!;
		// 3 of 5 answered (60 %): 75, 50, 75 → 66.7, level 4 (60–80)
		expect(culture).toMatchObject({ answeredItems: 3, totalItems: 5, onlyDontKnow: 1, onlyNotApplicable: 1, level: 4, bandRange: { from: 60, to: 80 } });
		expect(culture.coverage).toBeCloseTo(0.6);
		const technology = view.dimensions.find((d) => d.dimension === 'technology')!;
		expect(technology).toMatchObject({ score: null, level: null, bandRange: null, answeredItems: 0, onlyDontKnow: 0 });
		expect(view.minimumCoverage).toBe(0.6);
		expect(view.bands.map((b) => [b.level, b.from, b.name])).toEqual([
			[1, 0, 'Band 1'],
			[2, 20, 'Band 2'],
			[3, 40, 'Band 3'],
			[4, 60, 'Band 4'],
			[5, 80, 'Band 5']
		]);
	});
});
