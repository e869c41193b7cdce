// npm run backup -- <collaboration name or id> <file.json>
// npm run restore -- <file.json>
// Writes one whole collaboration to a JSON file, or restores such a file into an
// installation that does not hold the collaboration (docs/backup.md). On the embedded
// database, run it while the app is stopped (one process per data directory).
import fs from 'node:fs';
import { backupCollaboration, findCollaborationId, readBackupFile, restoreCollaboration } from '../src/lib/server/backup/backup';
import { readConfig } from '../src/lib/server/config';
import { publishFromDirectory } from '../src/lib/server/questionnaires/publish';
import { runWithDatabase } from './with-database';

const [command, ...args] = process.argv.slice(2);
const usage = 'usage: npm run backup -- <collaboration name or id> <file.json>\n       npm run restore -- <file.json>';
if (!((command === 'backup' && args.length === 2) || (command === 'restore' && args.length === 1))) {
	console.error(usage);
	process.exit(2);
}

await runWithDatabase(async (sql) => {
	if (command === 'backup') {
		const [nameOrId, file] = args as [string, string];
		const id = await findCollaborationId(sql, nameOrId);
		if (!id) throw new Error(`There is no collaboration named "${nameOrId}" or with that id.`);
		const backup = await backupCollaboration(sql, id);
		// Personal data and password hashes: readable by the owner only.
		fs.writeFileSync(file, JSON.stringify(backup), { mode: 0o600 });
		console.log(
			`Backed up "${backup.collaboration.name}" to ${file}: ${backup.rounds.length} rounds, ${backup.responses.length} responses, ` +
				`${backup.answers.length} answers, ${backup.auditEvents.length} audit events, ${backup.people.length} people.`
		);
		return;
	}
	const [file] = args as [string];
	// Size, nesting and the whole document are checked before anything is written.
	const document = readBackupFile(file);
	// The rounds' questionnaire versions must be published here, as they were where the backup was made.
	await publishFromDirectory(sql, readConfig().MODEN_QUESTIONNAIRES_DIR, () => {});
	const summary = await restoreCollaboration(sql, document);
	const rows = Object.entries(summary.rows)
		.map(([table, n]) => `${n} ${table}`)
		.join(', ');
	// The audit trail comes back exactly as it was, so the restore itself is reported here, not there.
	console.log(`Restored "${summary.name}" (${summary.collaborationId}) from ${file} at ${new Date().toISOString()}: ${rows}.`);
	console.log(`Scores rebuilt for ${summary.years.join(', ') || 'no rounds'}.`);
});
