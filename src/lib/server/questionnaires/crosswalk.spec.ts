import { describe, expect, it } from 'vitest';
import { crosswalkProblems, crosswalkView, isComparable } from './crosswalk';
import { definition, item } from './fixtures';
import type { QuestionnaireDefinition } from './schema';

/** As the loader checks them: through the lenient view of each file. */
const problemsOf = (current: QuestionnaireDefinition, previous: QuestionnaireDefinition | undefined) =>
	crosswalkProblems(crosswalkView(current)!, previous && crosswalkView(previous));

const v1 = definition();
const v2 = (items = v1.items, crosswalk: Record<string, 'identical' | 'reworded' | 'changed' | 'new' | 'retired'>) =>
	definition({ version: 2, items, crosswalk: { previous: 1, items: crosswalk } });

describe('crosswalk', () => {
	it('accepts every status used where it fits', () => {
		const items = [
			v1.items[0]!,
			{ ...v1.items[1]!, text: { ...v1.items[1]!.text, en: 'Reworded' } },
			{ ...v1.items[2]!, levels: v1.items[3]!.levels },
			item('technology.new-thing')
		];
		const current = v2(items, {
			'culture.openness': 'identical',
			'culture.sharing': 'reworded',
			'technology.shared-systems': 'changed',
			'technology.new-thing': 'new',
			'technology.security': 'retired'
		});
		expect(problemsOf(current, v1)).toEqual([]);
	});

	it('reports each misuse with where it sits', () => {
		const items = [{ ...v1.items[0]!, text: { ...v1.items[0]!.text, en: 'Changed words' } }, v1.items[1]!, item('technology.new-thing')];
		const current = v2(items, {
			'culture.openness': 'identical',
			'culture.sharing': 'new',
			'technology.ghost': 'changed',
			'technology.shared-systems': 'reworded'
		});
		expect(problemsOf(current, v1).map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
			'crosswalk.items.culture.openness: "culture.openness" is marked identical but its text, levels or kind differ: mark it reworded or changed',
			'crosswalk.items.culture.sharing: "culture.sharing" is in version 1, so it is not new',
			'crosswalk.items.technology.ghost: names an unknown item "technology.ghost" (in neither version 1 nor 2)',
			'crosswalk.items.technology.shared-systems: "technology.shared-systems" is not in this version: mark it retired',
			'items.2.key: "technology.new-thing" is missing from the crosswalk',
			'crosswalk.items: "technology.security" of version 1 is missing from the crosswalk: mark it retired'
		]);
	});

	it('keeps an item identical when a version adds a language, and not when an existing text changed', () => {
		const withNynorsk = (it: (typeof v1.items)[number], en = it.text.en) => ({
			...it,
			text: { ...it.text, en, nn: `${it.text.nb} (nynorsk)` },
			levels: it.levels?.map((level) => ({ ...level, nn: `${level.nb} (nynorsk)` }))
		});
		const statuses = {
			'culture.openness': 'identical',
			'culture.sharing': 'identical',
			'technology.shared-systems': 'identical',
			'technology.security': 'identical'
		} as const;
		const added = v2(
			v1.items.map((it) => withNynorsk(it)),
			statuses
		);
		expect(problemsOf(added, v1)).toEqual([]);

		const changed = v2([withNynorsk(v1.items[0]!, 'Changed words'), ...v1.items.slice(1).map((it) => withNynorsk(it))], statuses);
		expect(problemsOf(changed, v1).map((p) => p.path.join('.'))).toEqual(['crosswalk.items.culture.openness']);
	});

	it('does not let an item that moved dimension count as comparable', () => {
		const moved = { ...v1.items[3]!, dimension: 'culture' };
		const current = v2([v1.items[0]!, v1.items[1]!, v1.items[2]!, moved], {
			'culture.openness': 'identical',
			'culture.sharing': 'identical',
			'technology.shared-systems': 'identical',
			'technology.security': 'reworded'
		});
		expect(problemsOf(current, v1)).toEqual([{ path: ['crosswalk', 'items', 'technology.security'], message: expect.stringContaining('mark it changed') }]);
	});

	it('names a previous version that does not exist', () => {
		expect(problemsOf(v2(v1.items, {}), undefined)).toEqual([{ path: ['crosswalk', 'previous'], message: 'version 1 of "sample" does not exist' }]);
	});

	it('treats only identical and reworded items as comparable', () => {
		expect((['identical', 'reworded', 'changed', 'new', 'retired'] as const).filter(isComparable)).toEqual(['identical', 'reworded']);
	});
});
