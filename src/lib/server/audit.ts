import type { Sql } from 'postgres';
import type { Db } from './db/index';

/**
 * The audit trail: who did what, when, from where. Written in the same transaction as
 * the change it records wherever there is one, so the two cannot disagree.
 */
export interface AuditEntry {
	action: string;
	actorId?: string | null;
	collaborationId?: string | null;
	subjectType?: string;
	subjectId?: string;
	detail?: Record<string, unknown>;
	ip?: string | null;
}

export async function audit(sql: Db, entry: AuditEntry): Promise<void> {
	await sql`
		insert into audit_event (collaboration_id, actor_id, action, subject_type, subject_id, detail, ip)
		values (${entry.collaborationId ?? null}, ${entry.actorId ?? null}, ${entry.action},
			${entry.subjectType ?? null}, ${entry.subjectId ?? null}, ${sql.json((entry.detail ?? {}) as never)},
			${entry.ip ?? null})`;
}

export interface AuditRow {
	id: string;
	at: Date;
	action: string;
	actorEmail: string | null;
	subjectType: string | null;
	subjectId: string | null;
	detail: Record<string, unknown>;
	ip: string | null;
}

export async function listAudit(sql: Sql, collaborationId: string, limit = 200): Promise<AuditRow[]> {
	return sql<AuditRow[]>`
		select e.id::text, e.at, e.action, u.email as "actorEmail", e.subject_type as "subjectType",
			e.subject_id as "subjectId", e.detail, host(e.ip) as ip
		from audit_event e left join app_user u on u.id = e.actor_id
		where e.collaboration_id = ${collaborationId}
		order by e.at desc, e.id desc limit ${limit}`;
}
