import type { Sql } from 'postgres';
import type { Locale } from '../../i18n';
import { collaborationIdsOf, resultsScope, type Grant } from '../auth/access';
import { getCollaboration } from '../collaborations/collaborations';
import { serverConfig } from '../config';
import { policyOf } from '../disclosure/policy';
import { frameOf, pickRound, resultRounds } from './queries';
import { currentSnapshot } from './snapshots';
import type { Context, Viewer } from './pages';

/**
 * Who reads a collaboration's results and from which round: whose results (all members,
 * or their own municipalities), the viewer the disclosure module decides for, the round
 * (`year`, else the newest closed one with scores) with its frame and the snapshot its
 * numbers are read from. The results pages and the signed-in home both start here, so
 * they show the same numbers to the same person. Access is the caller's to check first.
 */
export async function resultsReader(sql: Sql, grants: readonly Grant[], collaborationId: string, year: number | null, locale: Locale) {
	const scope = resultsScope(grants, collaborationId);
	const [collaboration, rounds] = await Promise.all([getCollaboration(sql, collaborationId).then((c) => c!), resultRounds(sql, collaborationId)]);
	const round = pickRound(rounds, year);
	const config = serverConfig();
	const viewer: Viewer = {
		namesVisible: scope.all || collaboration.membersSeeNames,
		ownMunicipalities: scope.municipalities,
		collaborationIds: collaborationIdsOf(grants),
		policy: policyOf({ k: config.MODEN_MIN_GROUP_SIZE, width: config.MODEN_PROTECTION_WIDTH })
	};
	const [frame, snapshot] = round ? await Promise.all([frameOf(sql, round, locale), currentSnapshot(sql, round.id)]) : [null, null];
	const context: Context | null = round && frame && snapshot ? { collaborationId, country: collaboration.country, round, frame, locale, snapshot } : null;
	return { scope, collaboration, rounds, round, viewer, context };
}
