import { error, redirect } from '@sveltejs/kit';
import { type MessageKey } from '$lib/i18n';
import { translate } from '$lib/server/i18n';
import { abilitiesFor, can, some, type Abilities, type Permission, type Scope } from './access';
import type { SessionUser } from './session';

interface Event {
	locals: App.Locals;
	url: URL;
}

/** The signed-in person, or a redirect to sign-in that comes back here afterwards. */
export function requireUser({ locals, url }: Event): SessionUser {
	if (!locals.user) redirect(303, `/sign-in?redirect=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** The signed-in person if `access.can` allows the permission on the scope; else 403. */
export function requirePermission(event: Event, permission: Permission, scope: Scope = {}): SessionUser {
	const user = requireUser(event);
	if (!can(user.grants, permission, scope)) error(403, translate(event.locals.locale, 'error.forbidden'));
	return user;
}

/**
 * Someone who follows the collaboration's rounds (its admins, the municipalities'
 * coordinators), with what they may do there; everyone else gets a 403 with `message`.
 */
export function requireCoordination(
	event: Event,
	collaborationId: string,
	message: MessageKey = 'error.forbidden'
): { user: SessionUser; abilities: Abilities } {
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const abilities = abilitiesFor(user.grants, collaborationId);
	if (!some(abilities.coordinates)) error(403, translate(event.locals.locale, message));
	return { user, abilities };
}
