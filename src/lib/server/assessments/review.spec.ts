import { describe, expect, it } from 'vitest';
import { definition as sample, item } from '../questionnaires/fixtures';
import type { StoredAnswer } from './response-lifecycle';
import { reviewAnswers } from './review';
import { stepItems } from './steps';

const stored = (itemKey: string, answer: Partial<StoredAnswer>): StoredAnswer => ({
	itemKey,
	kind: null,
	level: null,
	ticked: null,
	amount: null,
	naReason: null,
	comment: null,
	evidenceUrl: null,
	revision: 1,
	updatedAt: new Date(0),
	...answer
});

describe('reviewAnswers', () => {
	const definition = sample({
		items: [
			item('culture.openness'),
			item('culture.sharing', { allow_na: true }),
			item('culture.three', { levels: [1, 2, 3].map((n) => ({ nb: `Tre ${n}`, nn: `Tre ${n}`, sv: `Tre ${n}`, en: `Three ${n}` })) }),
			item('technology.shared-systems', { type: 'yes-partly-no', levels: undefined }),
			item('technology.security'),
			item('technology.services', {
				type: 'checklist',
				levels: undefined,
				options: [
					{ key: 'a', text: { nb: 'A', nn: 'A', sv: 'A', en: 'Option A' } },
					{ key: 'b', text: { nb: 'B', nn: 'B', sv: 'B', en: 'Option B' } }
				]
			})
		]
	});

	it('lists every item by dimension with the answer, its level name and descriptor, comment and link; unanswered ones as such', () => {
		const review = reviewAnswers(
			definition,
			{
				'culture.openness': stored('culture.openness', { kind: 'level', level: 3, comment: 'Plan vedtatt', evidenceUrl: 'https://example.org/plan' }),
				'culture.sharing': stored('culture.sharing', { kind: 'not_applicable', naReason: 'Ingen slik tjeneste' }),
				'culture.three': stored('culture.three', { kind: 'level', level: 2 }),
				'technology.shared-systems': stored('technology.shared-systems', { kind: 'level', level: 2 }),
				'technology.security': stored('technology.security', { kind: null, comment: 'Kommer tilbake til dette' }),
				'technology.services': stored('technology.services', { kind: 'ticked', ticked: ['b', 'a'] })
			},
			'en'
		);
		expect(review.map((d) => [d.dimension, d.title, d.items.map((i) => i.key)])).toEqual([
			['culture', 'Culture', ['culture.openness', 'culture.sharing', 'culture.three']],
			['technology', 'Technology', ['technology.shared-systems', 'technology.security', 'technology.services']]
		]);
		const [culture, technology] = review;
		expect(culture!.items[0]).toEqual({
			key: 'culture.openness',
			text: 'Question culture.openness',
			kind: 'answer',
			answer: 'Level 3 – Band 3',
			descriptor: 'Level of culture.openness 3',
			naReason: null,
			comment: 'Plan vedtatt',
			evidenceUrl: 'https://example.org/plan'
		});
		expect(culture!.items[1]).toMatchObject({ kind: 'not_applicable', answer: 'Not applicable', naReason: 'Ingen slik tjeneste' });
		// point 2 of 3 scores 50: the band of 40–60, so both the point and its level are said
		expect(culture!.items[2]).toMatchObject({ answer: 'Answer 2 – level 3 Band 3', descriptor: 'Three 2' });
		expect(technology!.items[0]).toMatchObject({ kind: 'answer', answer: 'Partly', descriptor: null });
		expect(technology!.items[1]).toMatchObject({ kind: 'unanswered', answer: null, comment: 'Kommer tilbake til dette' });
		expect(technology!.items[2]).toMatchObject({ kind: 'answer', answer: 'Option B and Option A' });
	});

	it('marks "don\'t know" apart from an answer', () => {
		const [culture] = reviewAnswers(definition, { 'culture.openness': stored('culture.openness', { kind: 'dont_know' }) }, 'nb');
		expect(culture!.items[0]).toMatchObject({ kind: 'dont_know', answer: 'Vet ikke', descriptor: null });
	});

	it('names the level of each point on the answering page, from the bands', () => {
		const [openness, , three] = stepItems(definition, 'culture', 'nb');
		const band = (level: number) => ({ level, name: `Band ${level} (nb)` });
		expect(openness!.answer).toMatchObject({ names: [1, 2, 3, 4, 5].map(band) });
		expect(three!.answer).toMatchObject({ names: [1, 3, 5].map(band) });
		expect(stepItems(definition, 'technology', 'nb')[0]!.answer).toMatchObject({ names: null });
	});
});
