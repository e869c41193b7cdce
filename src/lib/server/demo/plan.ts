import type { LegalForm } from '../collaborations/collaborations';
import { ks2015 } from './ks-2015';

/**
 * What the demo platform holds, decided before anything is written: collaborations,
 * their members with populations, and each member's trajectory (where it starts and
 * how fast it moves). Pure and seeded, so the same seed and scale give the same
 * platform on every machine; the answers themselves are drawn in SQL from the same seed.
 *
 * - "demo": Hedmark IKT (its seven real members, BRIEF §1) and the 40 other
 *   collaborations of KS's 2015 survey (about 220 municipalities);
 * - "national": the same plus synthetic collaborations up to about 650 municipalities
 *   in about 100 collaborations, Norwegian and Swedish (BRIEF §8);
 * - "tenth": a platform ten times smaller than "national" around Hedmark IKT.
 *
 * Municipality numbers are the real ones for Hedmark's members; the others get
 * synthetic numbers from 9001 up (no real municipality has a 9xxx number), and
 * populations other than Hedmark's are synthetic too.
 */
export type Scale = 'demo' | 'national' | 'tenth';

export interface PlannedMember {
	number: string;
	name: string;
	population: number;
	joined: string;
	/** mean level (1…5) in the first round, and the change per year */
	base: number;
	trend: number;
}

export interface PlannedCollaboration {
	name: string;
	legalForm: LegalForm;
	country: 'NO' | 'SE';
	members: PlannedMember[];
	/** respondents per assessment */
	respondents: number;
	/** per sector key: added to every member's level there ("one sector far behind") */
	sectorBias: Record<string, number>;
	/** the questionnaire its rounds run (default: the maturity instrument, digital-maturity) */
	questionnaire?: string;
}

/** The questionnaire of the collaboration that runs the digital services checklist in the demo. */
export const CHECKLIST = 'digital-services';

export const HEDMARK = 'Hedmark IKT';

/** Hedmark IKT's members (BRIEF §1): Hamar, the large one, improves steadily; Grue stalls. */
const hedmark: PlannedMember[] = [
	{ number: '3403', name: 'Hamar', population: 31999, joined: '2006-01-01', base: 2.4, trend: 0.45 },
	{ number: '3413', name: 'Stange', population: 21156, joined: '2006-01-01', base: 2.3, trend: 0.3 },
	{ number: '3401', name: 'Kongsvinger', population: 17949, joined: '2011-01-01', base: 2.6, trend: 0.25 },
	{ number: '3415', name: 'Sør-Odal', population: 7978, joined: '2018-01-01', base: 2.0, trend: 0.2 },
	{ number: '3412', name: 'Løten', population: 7715, joined: '2006-01-01', base: 2.2, trend: 0.3 },
	{ number: '3414', name: 'Nord-Odal', population: 5016, joined: '2011-01-01', base: 1.9, trend: 0.15 },
	{ number: '3417', name: 'Grue', population: 4548, joined: '2011-01-01', base: 2.1, trend: 0 }
];

/** Mulberry32: a small, well-known seeded generator (uniform in [0, 1)). */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SWEDISH = [
	'Arvika',
	'Eda',
	'Filipstad',
	'Forshaga',
	'Grums',
	'Hagfors',
	'Hammarö',
	'Karlstad',
	'Kil',
	'Kristinehamn',
	'Munkfors',
	'Storfors',
	'Sunne',
	'Säffle',
	'Torsby',
	'Årjäng'
];

export function demoPlan(scale: Scale, seed = 2026): PlannedCollaboration[] {
	const rand = random(seed);
	const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
	const numbers = new Map<string, string>(hedmark.map((m) => [m.name, m.number]));
	const populations = new Map<string, number>();
	const member = (name: string, established: number | null): PlannedMember => {
		if (!numbers.has(name)) numbers.set(name, String(9001 + numbers.size - hedmark.length));
		// Most municipalities are small: log-uniform between 800 and 60 000 inhabitants.
		if (!populations.has(name)) populations.set(name, Math.round(Math.exp(between(Math.log(800), Math.log(60000)))));
		return {
			number: numbers.get(name)!,
			name,
			population: populations.get(name)!,
			joined: `${established ?? 2010}-01-01`,
			base: between(1.6, 3.2),
			trend: between(-0.05, 0.4)
		};
	};
	const collaboration = (name: string, legalForm: LegalForm, country: 'NO' | 'SE', members: PlannedMember[]): PlannedCollaboration => ({
		name,
		legalForm,
		country,
		members,
		respondents: 1 + Math.floor(rand() * 2),
		sectorBias: {}
	});

	const main: PlannedCollaboration = { ...collaboration(HEDMARK, 'kommunalt_oppgavefellesskap', 'NO', hedmark), respondents: 3, sectorBias: { teknisk: -0.9 } };
	const others = ks2015.map((c) =>
		collaboration(
			c.name,
			c.legalForm,
			'NO',
			c.members.map((m) => member(m, c.established))
		)
	);

	// Värmland's sixteen municipalities run the short digital services checklist, in Swedish.
	const varmland = {
		...collaboration(
			'Värmlands e-samverkan',
			'kommunalforbund',
			'SE',
			SWEDISH.map((m) => member(m, 2012))
		),
		questionnaire: CHECKLIST
	};
	if (scale === 'tenth') return [main, ...others.slice(0, 11), varmland];
	if (scale === 'demo') return [main, ...others, varmland];

	// National: synthetic collaborations until about 650 municipalities, a fifth of them Swedish.
	const all = [main, ...others];
	let count = all.reduce((n, c) => n + c.members.length, 0);
	all.push(varmland);
	count += varmland.members.length;
	for (let i = 1; count < 650; i++) {
		const country = i % 5 === 0 ? 'SE' : 'NO';
		const size = 3 + Math.floor(rand() * 10);
		const members = Array.from({ length: size }, (_, j) => member(`${country === 'SE' ? 'Kommun' : 'Kommune'} ${i}-${j + 1}`, 2008));
		all.push(collaboration(`${country === 'SE' ? 'Samverkan' : 'Samarbeid'} ${i}`, country === 'SE' ? 'kommunalforbund' : 'vertskommune', country, members));
		count += size;
	}
	return all;
}
