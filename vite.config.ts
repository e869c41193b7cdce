import os from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// Rolldown's timing report is noise on a 2-core machine; real timings live in `npm run bench`.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		// One test file per core: the integration tests wait on PostgreSQL (another process)
		// much of the time, and Vitest's default (cores − 1) ran them one by one on two cores
		// (229 s against 144 s).
		maxWorkers: os.availableParallelism(),
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// the attacker suite on generated platforms, in memory (docs/privacy.md)
					name: 'disclosure',
					environment: 'node',
					include: ['tests/disclosure/**/*.test.ts'],
					testTimeout: 600_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
