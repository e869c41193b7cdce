/**
 * Figures about the members of one's own collaboration (BRIEF §6). Admins and the board,
 * and everyone where the collaboration switched naming on, see every member by name.
 * Otherwise a member sees itself against an anonymous distribution, and an anonymous
 * list of members with their scores is that distribution: shown only with at least k
 * members and at least k besides the viewer's own municipalities (the insider rule). The
 * others one by one (the anonymous list, lowest and highest, quartiles) need more: their
 * scores spread over at least the protection width, for if they all lay closer together
 * the list would tell each one's score, whoever it is. Their mean and median alone do not.
 */
import type { HiddenReason, Policy } from './policy';

export interface MemberViewer {
	namesVisible: boolean;
	ownMunicipalities: readonly string[];
}

type MemberScore = { municipalityId: string; score: number };

/** Why the members' distribution of one dimension (its mean and median) is hidden from the viewer, or null when it is shown. */
export function othersHidden(viewer: MemberViewer, scores: readonly MemberScore[], policy: Policy): HiddenReason | null {
	if (viewer.namesVisible) return null;
	if (new Set(scores.map((s) => s.municipalityId)).size < policy.k) return 'too_few';
	const others = scores.filter((s) => !viewer.ownMunicipalities.includes(s.municipalityId));
	return new Set(others.map((s) => s.municipalityId)).size < policy.k ? 'insider' : null;
}

/** Why the other members one by one (anonymous list, lowest, highest, quartiles) are hidden, or null when they are shown. */
export function othersListHidden(viewer: MemberViewer, scores: readonly MemberScore[], policy: Policy): HiddenReason | null {
	const hidden = othersHidden(viewer, scores, policy);
	if (hidden || viewer.namesVisible) return hidden;
	const values = scores.filter((s) => !viewer.ownMunicipalities.includes(s.municipalityId)).map((s) => s.score);
	return Math.max(...values) - Math.min(...values) < policy.width ? 'dominance' : null;
}
