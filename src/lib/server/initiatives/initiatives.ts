import { audit } from '../audit';
import { initiativeAbilities, mayPlanInitiative, type Grant, type InitiativeAbilities, type InitiativeScope } from '../auth/access';
import { todayFor } from '../calendar';
import { isMember } from '../collaborations/municipalities';
import type { Db, Sql } from '../db/index';

/**
 * Initiatives (tiltak / åtgärder): what a sector, a municipality or the collaboration
 * decided to do, with owner, due date and a status history. Every read and write asks
 * the access module (initiativeAbilities, mayPlanInitiative); an initiative holds no
 * score, so showing one never shows a number (follow-up.ts reads those, disclosed).
 */
export const statuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type InitiativeStatus = (typeof statuses)[number];

export interface Viewer {
	id: string;
	grants: readonly Grant[];
}

export interface InitiativeInput {
	at: InitiativeScope;
	title: string;
	description: string;
	itemKeys: string[];
	dimensions: string[];
	targetLevel: number | null;
	ownerId: string | null;
	dueOn: string | null;
	/** members taking part in a joint initiative (collaboration scope only) */
	participants: string[];
}

export interface Initiative {
	id: string;
	collaborationId: string;
	scope: InitiativeScope['scope'];
	municipalityId: string | null;
	sectorId: string | null;
	title: string;
	description: string;
	itemKeys: string[];
	dimensions: string[];
	targetLevel: number | null;
	ownerId: string | null;
	ownerName: string | null;
	dueOn: string | null;
	status: InitiativeStatus;
	overdue: boolean;
	participants: string[];
	createdAt: Date;
	updatedAt: Date;
}

export type InitiativeRefusal = 'forbidden' | 'not_found' | 'not_member' | 'owner_without_access';
export class InitiativeError extends Error {
	constructor(readonly reason: InitiativeRefusal) {
		super(`initiative refused: ${reason}`);
	}
}

const scopeOf = (i: Pick<Initiative, 'scope' | 'municipalityId' | 'sectorId' | 'ownerId'>): InitiativeScope & { ownerId: string | null } =>
	i.scope === 'sector'
		? { scope: 'sector', municipalityId: i.municipalityId!, sectorId: i.sectorId!, ownerId: i.ownerId }
		: i.scope === 'municipality'
			? { scope: 'municipality', municipalityId: i.municipalityId!, ownerId: i.ownerId }
			: { scope: 'collaboration', ownerId: i.ownerId };

export function abilitiesOn(viewer: Viewer, initiative: Initiative): InitiativeAbilities {
	return initiativeAbilities(viewer.grants, viewer.id, initiative.collaborationId, scopeOf(initiative));
}

const columns = (sql: Db) => sql`
	i.id, i.collaboration_id as "collaborationId", i.scope, i.municipality_id as "municipalityId", i.sector_id as "sectorId",
	i.title, i.description, i.item_keys as "itemKeys", i.dimensions, i.target_level as "targetLevel",
	i.owner_id as "ownerId", nullif(coalesce(nullif(u.name, ''), u.email), '') as "ownerName", to_char(i.due_on, 'YYYY-MM-DD') as "dueOn", i.status,
	(i.status in ('planned', 'in_progress') and i.due_on < ${todayFor(sql, sql`i.collaboration_id`)}) as overdue,
	coalesce((select array_agg(p.municipality_id::text order by p.municipality_id) from initiative_participant p where p.initiative_id = i.id), '{}') as participants,
	i.created_at as "createdAt", i.updated_at as "updatedAt"`;

/** Everyone who may own an initiative at this scope: people of the collaboration who would see it. */
export async function possibleOwners(sql: Db, collaborationId: string, at: InitiativeScope): Promise<{ id: string; name: string }[]> {
	const rows = await sql<{ id: string; name: string; grants: Grant[] }[]>`
		select u.id, coalesce(nullif(u.name, ''), u.email) as name,
			json_agg(json_build_object('role', g.role, 'collaborationId', g.collaboration_id, 'municipalityId', g.municipality_id, 'sectorId', g.sector_id)) as grants
		from role_grant g join app_user u on u.id = g.user_id
		where g.collaboration_id = ${collaborationId} and u.disabled_at is null
		group by u.id order by lower(coalesce(nullif(u.name, ''), u.email))`;
	return rows.filter((r) => initiativeAbilities(r.grants, r.id, collaborationId, { ...at, ownerId: null }).see).map(({ id, name }) => ({ id, name }));
}

async function checkInput(sql: Db, collaborationId: string, viewer: Viewer, input: InitiativeInput) {
	if (!mayPlanInitiative(viewer.grants, collaborationId, input.at)) throw new InitiativeError('forbidden');
	const members = [...(input.at.scope === 'collaboration' ? [] : [input.at.municipalityId]), ...input.participants];
	for (const m of members) if (!(await isMember(sql, collaborationId, m))) throw new InitiativeError('not_member');
	if (input.at.scope === 'sector') {
		const [sector] = await sql`select 1 from sector where id = ${input.at.sectorId} and collaboration_id = ${collaborationId}`;
		if (!sector) throw new InitiativeError('not_member');
	}
	if (input.ownerId !== null && !(await possibleOwners(sql, collaborationId, input.at)).some((o) => o.id === input.ownerId))
		throw new InitiativeError('owner_without_access');
}

export async function createInitiative(sql: Sql, collaborationId: string, viewer: Viewer, input: InitiativeInput): Promise<string> {
	await checkInput(sql, collaborationId, viewer, input);
	return sql.begin(async (tx) => {
		const [row] = await tx<{ id: string }[]>`
			insert into initiative (collaboration_id, scope, municipality_id, sector_id, title, description, item_keys, dimensions,
				target_level, owner_id, due_on, created_by)
			values (${collaborationId}, ${input.at.scope}, ${input.at.municipalityId ?? null}, ${input.at.sectorId ?? null}, ${input.title},
				${input.description}, ${input.itemKeys}, ${input.dimensions}, ${input.targetLevel}, ${input.ownerId}, ${input.dueOn}, ${viewer.id})
			returning id`;
		const id = row!.id;
		await setParticipants(tx, collaborationId, id, input.at.scope === 'collaboration' ? input.participants : []);
		await tx`insert into initiative_event (initiative_id, collaboration_id, status, actor_id) values (${id}, ${collaborationId}, 'planned', ${viewer.id})`;
		await audit(tx, {
			action: 'initiative.created',
			actorId: viewer.id,
			collaborationId,
			subjectType: 'initiative',
			subjectId: id,
			detail: { scope: input.at.scope }
		});
		return id;
	});
}

async function setParticipants(sql: Db, collaborationId: string, initiativeId: string, participants: string[]) {
	await sql`delete from initiative_participant where initiative_id = ${initiativeId}`;
	for (const m of new Set(participants))
		await sql`insert into initiative_participant (initiative_id, collaboration_id, municipality_id) values (${initiativeId}, ${collaborationId}, ${m})`;
}

/** The initiative if the viewer may see it; null otherwise (not found and not allowed look the same). */
export async function getInitiative(
	sql: Db,
	collaborationId: string,
	viewer: Viewer,
	id: string
): Promise<(Initiative & { abilities: InitiativeAbilities }) | null> {
	const [row] = await sql<Initiative[]>`
		select ${columns(sql)} from initiative i left join app_user u on u.id = i.owner_id
		where i.id = ${id} and i.collaboration_id = ${collaborationId}`;
	if (!row) return null;
	const abilities = abilitiesOn(viewer, row);
	return abilities.see ? { ...row, abilities } : null;
}

/** The initiatives of a collaboration the viewer may see, newest first. */
export async function listInitiatives(sql: Db, collaborationId: string, viewer: Viewer): Promise<Initiative[]> {
	const rows = await sql<Initiative[]>`
		select ${columns(sql)} from initiative i left join app_user u on u.id = i.owner_id
		where i.collaboration_id = ${collaborationId} order by i.created_at desc, i.id`;
	return rows.filter((r) => abilitiesOn(viewer, r).see);
}

export async function updateInitiative(sql: Sql, collaborationId: string, viewer: Viewer, id: string, input: Omit<InitiativeInput, 'at'>): Promise<void> {
	const current = await getInitiative(sql, collaborationId, viewer, id);
	if (!current) throw new InitiativeError('not_found');
	if (!current.abilities.edit) throw new InitiativeError('forbidden');
	const at = scopeOf(current);
	await checkInput(sql, collaborationId, viewer, { ...input, at });
	await sql.begin(async (tx) => {
		await tx`
			update initiative set title = ${input.title}, description = ${input.description}, item_keys = ${input.itemKeys}, dimensions = ${input.dimensions},
				target_level = ${input.targetLevel}, owner_id = ${input.ownerId}, due_on = ${input.dueOn}, updated_at = now()
			where id = ${id} and collaboration_id = ${collaborationId}`;
		await setParticipants(tx, collaborationId, id, at.scope === 'collaboration' ? input.participants : []);
		await audit(tx, { action: 'initiative.updated', actorId: viewer.id, collaborationId, subjectType: 'initiative', subjectId: id });
	});
}

/** Moves the status on (or back), with a short note; both go into the history. */
export async function changeStatus(sql: Sql, collaborationId: string, viewer: Viewer, id: string, status: InitiativeStatus, note: string): Promise<void> {
	const current = await getInitiative(sql, collaborationId, viewer, id);
	if (!current) throw new InitiativeError('not_found');
	if (!current.abilities.status) throw new InitiativeError('forbidden');
	await sql.begin(async (tx) => {
		await tx`update initiative set status = ${status}, updated_at = now() where id = ${id} and collaboration_id = ${collaborationId}`;
		await tx`insert into initiative_event (initiative_id, collaboration_id, status, note, actor_id) values (${id}, ${collaborationId}, ${status}, ${note}, ${viewer.id})`;
		await audit(tx, { action: 'initiative.status', actorId: viewer.id, collaborationId, subjectType: 'initiative', subjectId: id, detail: { status } });
	});
}

export interface HistoryEntry {
	status: InitiativeStatus;
	note: string;
	actor: string | null;
	at: Date;
}

/** The status history of an initiative the caller has already been allowed to see. */
export async function initiativeHistory(sql: Db, collaborationId: string, id: string): Promise<HistoryEntry[]> {
	return sql<HistoryEntry[]>`
		select e.status, e.note, coalesce(nullif(u.name, ''), u.email) as actor, e.at
		from initiative_event e left join app_user u on u.id = e.actor_id
		where e.initiative_id = ${id} and e.collaboration_id = ${collaborationId} order by e.at, e.id`;
}

/**
 * Initiatives past their due date and not finished, for the home page: those the person
 * owns, and those of the municipalities they coordinate (the collaboration's admins: all).
 */
export async function overdueInitiativesFor(sql: Db, viewer: Viewer): Promise<(Initiative & { collaborationName: string })[]> {
	const collaborations = [...new Set(viewer.grants.flatMap((g) => (g.collaborationId ? [g.collaborationId] : [])))];
	if (collaborations.length === 0) return [];
	const rows = await sql<(Initiative & { collaborationName: string })[]>`
		select ${columns(sql)}, c.name as "collaborationName"
		from initiative i join collaboration c on c.id = i.collaboration_id left join app_user u on u.id = i.owner_id
		where i.collaboration_id = any(${collaborations}::uuid[]) and i.status in ('planned', 'in_progress')
			and i.due_on < ${todayFor(sql, sql`i.collaboration_id`)}
		order by i.due_on, i.id`;
	const coordinates = (r: Initiative) =>
		viewer.grants.some(
			(g) =>
				g.collaborationId === r.collaborationId &&
				(g.role === 'collaboration_admin' || (g.role === 'coordinator' && (r.municipalityId === null ? false : g.municipalityId === r.municipalityId)))
		);
	return rows.filter((r) => abilitiesOn(viewer, r).see && (r.ownerId === viewer.id || coordinates(r)));
}
