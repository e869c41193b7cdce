import { describe, expect, it } from 'vitest';
import { definition as sample } from '../questionnaires/fixtures';
import { answeredKeys, resumeAt, stepItems, steps } from './steps';

describe('answering steps', () => {
	const definition = sample();

	it('has one step per dimension in the version’s order, each with its items', () => {
		const all = steps(definition, 'nb');
		expect(all.map((s) => s.dimension)).toEqual(definition.dimensions.map((d) => d.key));
		expect(all.flatMap((s) => s.itemKeys).sort()).toEqual(definition.items.map((i) => i.key).sort());
		const items = stepItems(definition, all[0]!.dimension, 'sv');
		expect(items[0]!.answer).toMatchObject({ type: 'points', yesPartlyNo: false });
		expect(items[0]!.answer.type === 'points' && items[0]!.answer.points).toHaveLength(5);
		expect(items[0]!.text).toBe(definition.items.find((i) => i.key === items[0]!.key)!.text.sv);
	});

	it('resumes at the first unanswered item, skipping comment-only rows, then at review', () => {
		const all = steps(definition, 'en');
		expect(resumeAt(all, new Set())).toEqual({ dimension: all[0]!.dimension, itemKey: all[0]!.itemKeys[0] });
		const [a, b] = all[0]!.itemKeys;
		const answered = answeredKeys({ [a!]: { kind: 'level' }, [b!]: { kind: null } });
		expect(answered).toEqual([a]);
		expect(resumeAt(all, new Set(answered))).toEqual({ dimension: all[0]!.dimension, itemKey: b });
		const firstOfSecondStep = all[1]!.itemKeys[0]!;
		expect(resumeAt(all, new Set(all[0]!.itemKeys))).toEqual({ dimension: all[1]!.dimension, itemKey: firstOfSecondStep });
		expect(resumeAt(all, new Set(all.flatMap((s) => s.itemKeys)))).toBe('review');
	});
});
