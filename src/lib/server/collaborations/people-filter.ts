import type { Role } from '../auth/access';
import type { Person } from './people';

/**
 * The people list narrowed as the admin asks (a GET form, so it works without scripts and
 * the address can be shared): words found in the name or e-mail, one role, one member.
 */
export interface PeopleFilter {
	q: string;
	role: Role | null;
	municipality: string | null;
}

export function parsePeopleFilter(params: URLSearchParams, roles: readonly Role[]): PeopleFilter {
	const role = params.get('role');
	return {
		q: (params.get('q') ?? '').trim().slice(0, 200),
		role: roles.find((r) => r === role) ?? null,
		municipality: (params.get('municipality') ?? '').trim().slice(0, 200) || null
	};
}

export function filterPeople(people: readonly Person[], filter: PeopleFilter): Person[] {
	const words = filter.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
	return people.filter(
		(p) =>
			words.every((w) => `${p.name} ${p.email}`.toLocaleLowerCase().includes(w)) &&
			(filter.role === null || p.grants.some((g) => g.role === filter.role)) &&
			(filter.municipality === null || p.grants.some((g) => g.municipality === filter.municipality && (filter.role === null || g.role === filter.role)))
	);
}
