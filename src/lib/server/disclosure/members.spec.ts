import { describe, expect, it } from 'vitest';
import { othersHidden, othersListHidden } from './members';
import { policyOf } from './policy';

const policy = policyOf({ k: 5 });
const at = (ids: string[], spread = 10) => ids.map((municipalityId, i) => ({ municipalityId, score: 20 + spread * i }));
const members = at(['a', 'b', 'c', 'd', 'e', 'f']);

describe('othersHidden', () => {
	it('shows every member to those who see names, however few', () => {
		expect(othersHidden({ namesVisible: true, ownMunicipalities: [] }, at(['a', 'b']), policy)).toBeNull();
	});

	it('shows an anonymous distribution only with k members besides the viewer’s own', () => {
		expect(othersHidden({ namesVisible: false, ownMunicipalities: ['a'] }, members, policy)).toBeNull();
		expect(othersHidden({ namesVisible: false, ownMunicipalities: ['a', 'b'] }, members, policy)).toBe('insider');
		expect(othersHidden({ namesVisible: false, ownMunicipalities: [] }, at(['a', 'b', 'c', 'd']), policy)).toBe('too_few');
	});

	it('hides an anonymous list whose scores lie so close together that it tells each member’s score, but not their mean and median', () => {
		const viewer = { namesVisible: false, ownMunicipalities: ['a'] };
		expect(othersListHidden(viewer, at(['a', 'b', 'c', 'd', 'e', 'f'], 2), policy)).toBe('dominance');
		expect(othersHidden(viewer, at(['a', 'b', 'c', 'd', 'e', 'f'], 2), policy)).toBeNull();
		expect(othersListHidden(viewer, at(['a', 'b', 'c', 'd', 'e', 'f'], 3), policy)).toBeNull();
		expect(othersListHidden({ ...viewer, ownMunicipalities: ['a', 'b'] }, at(['a', 'b', 'c', 'd', 'e', 'f'], 3), policy)).toBe('insider');
	});
});
