import { describe, expect, it } from 'vitest';
import { parseAnswerForm } from './form';

describe('parseAnswerForm', () => {
	it('reads levels, don’t know, N/A with reason, comments and links, item by item', () => {
		const { answers, errors } = parseAnswerForm({
			'rev:culture.a': '0',
			'choice:culture.a': '4',
			'comment:culture.a': '  Vedtatt i 2024  ',
			'evidence:culture.a': 'https://hamar.kommune.no/plan',
			'rev:culture.b': '3',
			'choice:culture.b': 'dont_know',
			'rev:culture.c': '1',
			'choice:culture.c': 'not_applicable',
			'reason:culture.c': 'Ingen slik tjeneste',
			'rev:culture.d': '0',
			'comment:culture.d': 'Skal drøftes',
			'unrelated': 'x'
		});
		expect(errors).toEqual({});
		expect(answers).toEqual([
			{ itemKey: 'culture.a', kind: 'level', level: 4, naReason: null, comment: 'Vedtatt i 2024', evidenceUrl: 'https://hamar.kommune.no/plan', baseRevision: 0 },
			{ itemKey: 'culture.b', kind: 'dont_know', level: null, naReason: null, comment: null, evidenceUrl: null, baseRevision: 3 },
			{ itemKey: 'culture.c', kind: 'not_applicable', level: null, naReason: 'Ingen slik tjeneste', comment: null, evidenceUrl: null, baseRevision: 1 },
			{ itemKey: 'culture.d', kind: null, level: null, naReason: null, comment: 'Skal drøftes', evidenceUrl: null, baseRevision: 0 }
		]);
	});

	it('reports a broken item by key and keeps the others', () => {
		const { answers, errors } = parseAnswerForm({
			'rev:a.one': '0',
			'choice:a.one': '6',
			'rev:a.two': '0',
			'choice:a.two': 'not_applicable',
			'reason:a.two': '   ',
			'rev:a.three': '0',
			'choice:a.three': '2',
			'evidence:a.three': 'javascript:alert(1)',
			'rev:a.four': 'x',
			'rev:a.five': '0',
			'choice:a.five': '5',
			'comment:a.five': 'x'.repeat(4001),
			'rev:a.six': '2',
			'choice:a.six': '1'
		});
		expect(errors).toEqual({
			'a.one': 'answer.refused.unknown_level',
			'a.two': 'answer.refused.na_reason_required',
			'a.three': 'answer.refused.evidence_invalid',
			'a.four': 'form.invalid',
			'a.five': 'form.too_long'
		});
		expect(answers.map((a) => a.itemKey)).toEqual(['a.six']);
	});
});
