import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';

/**
 * The JavaScript a page loads, in gzipped bytes as adapter-node serves it (its .gz files
 * in build/client): the scripts Chromium actually fetches when it opens the page signed
 * in and lets it hydrate: the start-up script, the page's nodes, and what they import,
 * static or dynamic; and the texts of the reader's language that the page's route uses
 * (src/lib/i18n/route-messages.ts), which come inside the document (the root layout's
 * data) rather than as a chunk of their own: counted at their gzipped size there.
 * A later client-side navigation loads more; not counted here.
 */
const CLIENT = path.resolve('build/client');

export interface Weight {
	files: number;
	gzipBytes: number;
}

/** Debian's Chromium, as the end-to-end tests use it. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}

/** `cookie`: the session cookie as `name=value`. */
export async function pageWeight(browser: Browser, origin: string, pathname: string, cookie: string): Promise<Weight> {
	const context = await browser.newContext();
	try {
		const [name, ...value] = cookie.split(';')[0]!.split('=');
		await context.addCookies([{ name: name!, value: value.join('='), url: origin }]);
		const page = await context.newPage();
		const scripts = new Set<string>();
		page.on('response', (response) => {
			const { pathname: file } = new URL(response.url());
			if (file.startsWith('/_app/immutable/') && file.endsWith('.js')) scripts.add(path.join(CLIENT, file));
		});
		const response = await page.goto(`${origin}${pathname}`, { waitUntil: 'networkidle' });
		if (!response?.ok()) throw new Error(`${pathname}: ${response?.status()}`);
		let gzipBytes = inlineCatalogueGzip(await response.text());
		for (const file of scripts)
			gzipBytes += fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : gzipSync(fs.readFileSync(file), { level: 9 }).length;
		return { files: scripts.size, gzipBytes };
	} finally {
		await context.close();
	}
}

/** The texts object in SvelteKit's start-up script (`catalogue:{…}`), gzipped; 0 when the page has none. */
function inlineCatalogueGzip(html: string): number {
	const at = html.indexOf('catalogue:{');
	if (at < 0) return 0;
	const open = at + 'catalogue:'.length;
	let depth = 0;
	let inString = false;
	for (let i = open; i < html.length; i++) {
		const c = html[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return gzipSync(html.slice(open, i + 1), { level: 9 }).length;
	}
	throw new Error('The catalogue in the page does not end.');
}
