import type { cpuPerRequest } from './cpu';
import type { Timings } from './dashboards';
import { atLeast, atMost, figure, type Figure } from './report';
import type { LoadResult } from './save';
import type { Weight } from './weight';

export interface Measured {
	dashboards: Record<string, Timings>;
	save: Record<'floor' | 'save', LoadResult & { cpu: ReturnType<typeof cpuPerRequest> }>;
	weight: Record<'answering' | 'collaboration' | 'municipality', Weight>;
	/** one submit through submitResponse, median, on each platform */
	submit: Record<'full' | 'tenth', { p50: number; samples: number }>;
	startMs: number;
	rssMb: number;
}

/** The table's rows: each figure against its floor from the same run, and its target (issue 9). */
export function figures(m: Measured, { external }: { external: boolean }): Figure[] {
	const d = m.dashboards;
	const kb = (w: Weight) => w.gzipBytes / 1024;
	return ['collaboration', 'municipality']
		.flatMap((name) => [
			figure(`${name} dashboard, median`, 'ms', d[`${name} http full`]!.median, d[`${name} floor full`]!.median, atMost(1.5)),
			figure(`${name} dashboard, p95`, 'ms', d[`${name} http full`]!.p95, d[`${name} floor full`]!.p95, atMost(3)),
			figure(`${name} dashboard, full vs 1/10 platform`, 'ms', d[`${name} http full`]!.median, d[`${name} http tenth`]!.median, atMost(1.2)),
			figure(`  its load alone (__data.json), median`, 'ms', d[`${name} data full`]!.median, d[`${name} floor full`]!.median)
		])
		.concat([
			figure('  any signed-in request (GET /ping), median', 'ms', d['ping full']!.median, null),
			...(d['api scores http full']
				? [figure('API scores of one collaboration, median', 'ms', d['api scores http full']!.median, d['api scores floor full']!.median, atMost(1.5))]
				: []),
			figure('save throughput vs /ping', 'req/s', m.save.save.throughput, m.save.floor.throughput, atLeast(0.5)),
			figure('save latency p99 vs p50', 'ms', m.save.save.p99, m.save.save.p50, atMost(5)),
			...(m.save.save.failed > 0 ? [figure('  saves refused or failed (not counted above)', '', m.save.save.failed, null)] : []),
			...(m.save.save.cpu && m.save.floor.cpu
				? [
						figure('  server CPU per save vs per /ping', 'ms', m.save.save.cpu.serverMs, m.save.floor.cpu.serverMs),
						...(m.save.save.cpu.postgresMs === null ? [] : [figure('  PostgreSQL CPU per save', 'ms', m.save.save.cpu.postgresMs, null)])
					]
				: []),
			figure('submit, full vs 1/10 platform (median)', 'ms', m.submit.full.p50, m.submit.tenth.p50, atMost(1.2)),
			figure('answering page JS', 'KB gz', kb(m.weight.answering), null, atMost(60, 'value')),
			figure('collaboration dashboard JS', 'KB gz', kb(m.weight.collaboration), null, atMost(150, 'value')),
			figure('municipality dashboard JS', 'KB gz', kb(m.weight.municipality), null, atMost(150, 'value')),
			figure(`start to /healthz 200 (${external ? 'DATABASE_URL' : 'embedded database'})`, 's', m.startMs / 1000, null, atMost(5, 'value')),
			figure('server memory after the save run', 'MB', m.rssMb, null, atMost(300, 'value'))
		]);
}
