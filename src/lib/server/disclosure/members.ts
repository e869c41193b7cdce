/**
 * Figures about the members of one's own collaboration (BRIEF §6). Admins and the board,
 * and everyone where the collaboration switched naming on, see every member by name.
 * Otherwise a member sees itself against an anonymous distribution, and an anonymous
 * list of members with their scores is that distribution: shown only with at least k
 * members, and at least k besides the viewer's own municipalities (the insider rule).
 */
import type { HiddenReason, Policy } from './policy';

export interface MemberViewer {
	namesVisible: boolean;
	ownMunicipalities: readonly string[];
}

/** Why the other members' figures are hidden from the viewer, or null when they are shown. */
export function othersHidden(viewer: MemberViewer, members: readonly string[], policy: Policy): HiddenReason | null {
	if (viewer.namesVisible) return null;
	const distinct = new Set(members);
	if (distinct.size < policy.k) return 'too_few';
	const others = [...distinct].filter((m) => !viewer.ownMunicipalities.includes(m));
	return others.length < policy.k ? 'insider' : null;
}
