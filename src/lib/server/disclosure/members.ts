/**
 * Figures about the members of one's own collaboration (BRIEF §6). Admins and the board,
 * and everyone where the collaboration switched naming on, see every member by name.
 * Otherwise a member sees itself against an anonymous distribution, and an anonymous
 * list of members with their scores is that distribution: shown only with at least k
 * members, at least k besides the viewer's own municipalities (the insider rule), and
 * with the others' scores spread over at least the protection width: if they all lay
 * closer together, the anonymous list would tell each one's score, whoever it is.
 */
import type { HiddenReason, Policy } from './policy';

export interface MemberViewer {
	namesVisible: boolean;
	ownMunicipalities: readonly string[];
}

/** Why the other members' figures (one dimension's scores by member) are hidden from the viewer, or null when they are shown. */
export function othersHidden(viewer: MemberViewer, scores: readonly { municipalityId: string; score: number }[], policy: Policy): HiddenReason | null {
	if (viewer.namesVisible) return null;
	if (new Set(scores.map((s) => s.municipalityId)).size < policy.k) return 'too_few';
	const others = scores.filter((s) => !viewer.ownMunicipalities.includes(s.municipalityId));
	if (new Set(others.map((s) => s.municipalityId)).size < policy.k) return 'insider';
	const values = others.map((s) => s.score);
	return Math.max(...values) - Math.min(...values) < policy.width ? 'dominance' : null;
}
