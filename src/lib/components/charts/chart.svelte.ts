import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	RadarController,
	RadialLinearScale,
	ScatterController,
	Tooltip,
	type ChartConfiguration
} from 'chart.js';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

// Only what our charts use, so the bundle carries nothing else of Chart.js.
Chart.register(
	RadarController,
	RadialLinearScale,
	LineController,
	LineElement,
	PointElement,
	BarController,
	BarElement,
	ScatterController,
	CategoryScale,
	LinearScale,
	Legend,
	Tooltip
);

/**
 * A Chart.js chart as a Svelte attachment: `<canvas {@attach chart(() => config)}>`.
 * The chart is created once; when the configuration's reactive inputs change it is
 * updated in place, and it is destroyed with the canvas.
 */
export function chart(config: () => ChartConfiguration): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		const instance = untrack(() => new Chart(canvas, config()));
		$effect(() => {
			const next = config();
			instance.data = next.data;
			if (next.options) instance.options = next.options;
			instance.update();
		});
		return () => instance.destroy();
	};
}

/** Series are told apart by dash and point shape as well as colour (BRIEF: not by colour alone). */
export const seriesStyles = [
	{ color: '#1e6fb9', dash: [] as number[], point: 'circle' as const },
	{ color: '#b45309', dash: [8, 4], point: 'triangle' as const },
	{ color: '#4b5563', dash: [2, 3], point: 'rect' as const },
	{ color: '#15803d', dash: [12, 3, 2, 3], point: 'rectRot' as const }
];
