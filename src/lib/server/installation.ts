import type { Config } from './config';
import type { Db } from './db/index';
import { DEMO_PASSWORD, isEmpty, loadDemo, type DemoLogin } from './demo/load';
import type { Sql } from './db/index';

/**
 * Facts about this installation, read once at start-up: whether it holds demo data
 * (every page then says so). The demo is loaded at start-up only into an empty
 * embedded database, unless MODEN_DEMO=0; a server given by DATABASE_URL gets it only
 * through `npm run demo`.
 */
let demo: { scale: string; loadedAt: string } | null = null;

export function demoData(): typeof demo {
	return demo;
}

export async function prepareInstallation(sql: Sql, config: Config, log: (line: string) => void = console.log): Promise<void> {
	if (config.MODEN_DEMO && !config.DATABASE_URL && (await isEmpty(sql))) {
		log('Loading the demo collaboration (first start on an empty database; MODEN_DEMO=0 switches this off) …');
		await loadDemo(sql, { scale: 'demo', log });
	}
	demo = await readDemo(sql);
	if (demo) log(demoBanner(await demoLogins(sql)));
}

async function readDemo(sql: Db) {
	const [row] = await sql<{ value: { scale: string; loadedAt: string } }[]>`select value from installation_setting where key = 'demo'`;
	return row?.value ?? null;
}

async function demoLogins(sql: Db): Promise<DemoLogin[]> {
	return sql<DemoLogin[]>`
		select g.role, u.email from app_user u join role_grant g on g.user_id = u.id
		where u.email like '%@demo.moden.no' and u.password_hash is not null
		order by array_position(array['platform_admin','collaboration_admin','board_viewer','coordinator','executive_viewer','respondent'], g.role)`;
}

function demoBanner(logins: DemoLogin[]): string {
	return [
		'',
		`Demo data: Hedmark IKT and the other collaborations are generated. Sign in with password "${DEMO_PASSWORD}" as`,
		...logins.map((l) => `  ${l.role.padEnd(20)} ${l.email}`),
		''
	].join('\n');
}
