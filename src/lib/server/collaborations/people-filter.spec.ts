import { describe, expect, it } from 'vitest';
import { filterPeople, parsePeopleFilter } from './people-filter';
import type { Person } from './people';

const person = (name: string, email: string, grants: Person['grants']): Person => ({ id: email, name, email, waiting: false, grants });
const people = [
	person('Kari Nordmann', 'kari@hamar.kommune.no', [{ id: '1', role: 'respondent', municipality: 'Hamar', sector: 'Oppvekst' }]),
	person('Ola Hansen', 'ola@stange.kommune.no', [
		{ id: '2', role: 'coordinator', municipality: 'Stange', sector: null },
		{ id: '3', role: 'respondent', municipality: 'Hamar', sector: 'Kultur' }
	]),
	person('Åse Berg', 'ase@hedmark-ikt.no', [{ id: '4', role: 'collaboration_admin', municipality: null, sector: null }])
];
const roles = ['collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer', 'respondent'] as const;

describe('people filter', () => {
	it('finds every word in the name or e-mail, whatever the case', () => {
		expect(filterPeople(people, { q: 'HAMAR kari', role: null, municipality: null }).map((p) => p.name)).toEqual(['Kari Nordmann']);
		expect(filterPeople(people, { q: 'åse', role: null, municipality: null }).map((p) => p.name)).toEqual(['Åse Berg']);
	});

	it('narrows by role and by member, together meaning that role in that member', () => {
		expect(filterPeople(people, { q: '', role: 'respondent', municipality: null })).toHaveLength(2);
		expect(filterPeople(people, { q: '', role: null, municipality: 'Stange' }).map((p) => p.name)).toEqual(['Ola Hansen']);
		expect(filterPeople(people, { q: '', role: 'coordinator', municipality: 'Hamar' })).toEqual([]);
	});

	it('reads the query string, ignoring an unknown role', () => {
		expect(parsePeopleFilter(new URLSearchParams('q=+kari+&role=wizard&municipality='), roles)).toEqual({ q: 'kari', role: null, municipality: null });
		expect(parsePeopleFilter(new URLSearchParams('role=coordinator&municipality=Hamar'), roles)).toEqual({ q: '', role: 'coordinator', municipality: 'Hamar' });
	});
});
