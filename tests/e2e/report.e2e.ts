import { createCanvas } from '@napi-rs/canvas';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { signIn, tenants } from './fixture';

/**
 * The municipality dashboard printed by Chromium to PDF is a report: a title, the
 * charts and tables, the recommendations, and none of the app's navigation. The PDF
 * and its first page as PNG are kept with the test's artifacts (and in .test-output/).
 */
test('the printed municipality report has a title, charts and tables, and no navigation', async ({ page }, testInfo) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.executive_viewer);
	const year = new Date().getFullYear() - 1;
	await page.goto(`/collaborations/${fixture.own.collaborationId}/results/municipalities/${fixture.own.municipalityIds[0]}?year=${year}`);
	await expect(page.getByRole('img', { name: /Radardiagram/ })).toBeVisible();
	const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });

	const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
	let text = '';
	for (let n = 1; n <= document.numPages; n++) {
		const content = await (await document.getPage(n)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
	}
	for (const expected of [
		`rapport om digital modenhet ${year}`,
		'Mot samarbeidet og sammenlignbare kommuner',
		'Nivåer og mål',
		'Sektorer',
		'År for år',
		'svakeste spørsmålene'
	]) {
		expect(text).toContain(expected);
	}
	// What the numbers rest on, as on the page: the round's state, the intervals, the sectors, n, the break.
	for (const mark of [`Endelige resultater for runden ${year}`, '95 %-intervall', 'Poengene bygger på', 'Respondenter', 'brudd']) expect(text).toContain(mark);
	for (const chrome of ['Logg ut', 'Spørreskjema', 'Skriv ut eller lagre som PDF', 'Norsk bokmål', 'Oversikt']) expect(text).not.toContain(chrome);

	const first = await document.getPage(1);
	const viewport = first.getViewport({ scale: 1.5 });
	const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
	await first.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
	const png = canvas.toBuffer('image/png');
	// The charts are drawn: a good share of the page is not white.
	const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
	let inked = 0;
	for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) inked++;
	expect(inked / (pixels.length / 4)).toBeGreaterThan(0.03);

	fs.mkdirSync('.test-output', { recursive: true });
	for (const [name, body, contentType] of [
		['municipality-report.pdf', pdf, 'application/pdf'],
		['municipality-report.png', png, 'image/png']
	] as const) {
		fs.writeFileSync(`.test-output/${name}`, body);
		await testInfo.attach(name, { body, contentType });
	}
});
