import { describe, expect, it } from 'vitest';
import { othersHidden } from './members';
import { policyOf } from './policy';

const policy = policyOf({ k: 5 });
const members = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('othersHidden', () => {
	it('shows every member to those who see names, however few', () => {
		expect(othersHidden({ namesVisible: true, ownMunicipalities: [] }, ['a', 'b'], policy)).toBeNull();
	});

	it('shows an anonymous distribution only with k members besides the viewer’s own', () => {
		expect(othersHidden({ namesVisible: false, ownMunicipalities: ['a'] }, members, policy)).toBeNull();
		expect(othersHidden({ namesVisible: false, ownMunicipalities: ['a', 'b'] }, members, policy)).toBe('insider');
		expect(othersHidden({ namesVisible: false, ownMunicipalities: [] }, ['a', 'b', 'c', 'd'], policy)).toBe('too_few');
		expect(othersHidden({ namesVisible: false, ownMunicipalities: ['z'] }, [...members, 'a', 'a'], policy)).toBeNull();
	});
});
