// npm run admin -- create-platform-admin <email>
// Creates (or finds) the account, makes it a platform administrator and prints a
// one-time link (valid 7 days) to set its password. Links point at ORIGIN.
import { z } from 'zod';
import { audit } from '../src/lib/server/audit';
import { issueLink, linkPath } from '../src/lib/server/auth/links';
import { ensureUser } from '../src/lib/server/auth/users';
import { runWithDatabase } from './with-database';

const [command, email] = process.argv.slice(2);
if (command !== 'create-platform-admin' || !z.email().safeParse(email).success) {
	console.error('usage: npm run admin -- create-platform-admin <email>');
	process.exit(2);
}

await runWithDatabase(async (sql) => {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	const link = await sql.begin(async (tx) => {
		const user = await ensureUser(tx, email!);
		await tx`insert into role_grant (user_id, role) values (${user.id}, 'platform_admin') on conflict do nothing`;
		await audit(tx, { action: 'grant.added', subjectType: 'user', subjectId: user.id, detail: { role: 'platform_admin', via: 'command line' } });
		return `${origin}${linkPath.invitation}/${await issueLink(tx, user.id, 'invitation')}`;
	});
	console.log(`${email} is a platform administrator. Set the password within 7 days:\n\n  ${link}\n`);
});
