// npm run admin -- create-platform-admin <email>
// Makes the person a platform administrator. For an account without a password it
// prints a one-time link (valid 7 days) to set one; links point at ORIGIN. A person
// with roles in a collaboration cannot be made one (the operator reads no collaboration).
import { z } from 'zod';
import { linkPath } from '../src/lib/server/auth/links';
import { makePlatformAdmin } from '../src/lib/server/auth/platform-admins';
import { runWithDatabase } from './with-database';

const [command, email] = process.argv.slice(2);
if (command !== 'create-platform-admin' || !z.email().safeParse(email).success) {
	console.error('usage: npm run admin -- create-platform-admin <email>');
	process.exit(2);
}

await runWithDatabase(async (sql) => {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	const { token } = await makePlatformAdmin(sql, email!);
	console.log(
		token
			? `${email} is a platform administrator. Set the password within 7 days:\n\n  ${origin}${linkPath.invitation}/${token}\n`
			: `${email} is a platform administrator and signs in with the password the account already has.`
	);
});
