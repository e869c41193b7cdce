import { describe, expect, it } from 'vitest';
import { interpolate } from './index';
import { nb } from './messages/nb';
import { pointLabel } from './point-label';

const t = (key: keyof typeof nb, params?: Record<string, string | number>) => interpolate(nb[key], params, 'nb');

describe('pointLabel', () => {
	it('names a point by its level where the two are the same, and says both where they differ', () => {
		expect(pointLabel(t, 3, { level: 3, name: 'Definert' })).toBe('Nivå 3 – Definert');
		// point 2 of a three-point scale scores 50: level 3
		expect(pointLabel(t, 2, { level: 3, name: 'Definert' })).toBe('Svar 2 – nivå 3 Definert');
		expect(pointLabel(t, 2, null)).toBe('Nivå 2');
	});
});
