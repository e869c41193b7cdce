import type { LocalisedText, QuestionnaireDefinition } from './schema';

/** Small, valid questionnaire definitions for tests; tweak the copy a test gets. */
const t = (en: string) => ({ nb: `${en} (nb)`, sv: `${en} (sv)`, en }) as LocalisedText;
const five = (what: string) => [1, 2, 3, 4, 5].map((n) => t(`${what} ${n}`));

export function item(key: string, overrides: Partial<QuestionnaireDefinition['items'][number]> = {}): QuestionnaireDefinition['items'][number] {
	return {
		key,
		dimension: key.split('.')[0]!,
		weight: 1,
		kind: 'practice' as const,
		allow_na: false,
		text: t(`Question ${key}`),
		help: t(`Help ${key}`),
		levels: five(`Level of ${key}`),
		recommendations: five(`Advice for ${key}`),
		...overrides
	};
}

export function definition(overrides: Partial<QuestionnaireDefinition> = {}): QuestionnaireDefinition {
	return {
		slug: 'sample',
		version: 1,
		title: t('Sample'),
		description: t('A sample questionnaire'),
		scoring: {
			values: [0, 25, 50, 75, 100],
			coverage: 0.6,
			bands: [0, 20, 40, 60, 80].map((from, i) => ({ level: i + 1, from, label: t(`Band ${i + 1}`) }))
		},
		dimensions: [
			{ key: 'culture', title: t('Culture'), description: t('Culture dimension') },
			{ key: 'technology', title: t('Technology'), description: t('Technology dimension') }
		],
		items: [item('culture.openness'), item('culture.sharing'), item('technology.shared-systems'), item('technology.security')],
		...overrides
	};
}
