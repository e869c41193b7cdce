import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a page loads, in gzipped bytes as adapter-node serves it (its .gz files
 * in build/client): the scripts the server-rendered page names (the module preloads of
 * its `link` header, the start-up script's imports) and everything they import, static or dynamic, except the
 * route table of the app entry, which names every page's code and loads only the page
 * at hand (a later client-side navigation loads more; not counted here).
 */
const CLIENT = path.resolve('build/client');
const IMPORTED = /["'](\.{1,2}\/[^"']+\.js)["']/g;
const STATIC_IMPORT = /(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js)["']/g;

export interface Weight {
	files: number;
	gzipBytes: number;
}

/** `page`: the page's HTML and its `link` response header. */
export function pageWeight(page: string): Weight {
	const named = [...page.matchAll(/["'(<]((?:\.{0,2}\/)*_app\/immutable\/[^"')\s>]+\.js)["')>]/g)].map((m) => path.join(CLIENT, m[1]!.replace(/^(\.{0,2}\/)*/, '')));
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file) || !fs.existsSync(file)) return;
		seen.add(file);
		const text = fs.readFileSync(file, 'utf8');
		const pattern = /\/entry\/app\.[^/]+\.js$/.test(file) ? STATIC_IMPORT : IMPORTED;
		for (const m of text.matchAll(pattern)) visit(path.resolve(path.dirname(file), m[1]!));
	};
	named.forEach(visit);
	let gzipBytes = 0;
	for (const file of seen) gzipBytes += fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : gzipSync(fs.readFileSync(file), { level: 9 }).length;
	return { files: seen.size, gzipBytes };
}
