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
			'rev:culture.e': '0',
			'choice:culture.e': 'given',
			'tick:culture.e:bankid': 'on',
			'tick:culture.e:altinn': 'on',
			'rev:culture.f': '2',
			'amount:culture.f': ' 12,5 % ',
			'rev:culture.g': '0',
			'choice:culture.g': 'dont_know',
			'amount:culture.g': '40',
			unrelated: 'x'
		});
		expect(errors).toEqual({});
		expect(answers).toEqual([
			{
				itemKey: 'culture.a',
				kind: 'level',
				level: 4,
				ticked: null,
				amount: null,
				naReason: null,
				comment: 'Vedtatt i 2024',
				evidenceUrl: 'https://hamar.kommune.no/plan',
				baseRevision: 0
			},
			{ itemKey: 'culture.b', kind: 'dont_know', level: null, ticked: null, amount: null, naReason: null, comment: null, evidenceUrl: null, baseRevision: 3 },
			{
				itemKey: 'culture.c',
				kind: 'not_applicable',
				level: null,
				ticked: null,
				amount: null,
				naReason: 'Ingen slik tjeneste',
				comment: null,
				evidenceUrl: null,
				baseRevision: 1
			},
			{
				itemKey: 'culture.d',
				kind: null,
				level: null,
				ticked: null,
				amount: null,
				naReason: null,
				comment: 'Skal drøftes',
				evidenceUrl: null,
				baseRevision: 0
			},
			{
				itemKey: 'culture.e',
				kind: 'ticked',
				level: null,
				ticked: ['bankid', 'altinn'],
				amount: null,
				naReason: null,
				comment: null,
				evidenceUrl: null,
				baseRevision: 0
			},
			{ itemKey: 'culture.f', kind: 'amount', level: null, ticked: null, amount: 12.5, naReason: null, comment: null, evidenceUrl: null, baseRevision: 2 },
			// "don't know" wins over a number left in the form
			{ itemKey: 'culture.g', kind: 'dont_know', level: null, ticked: null, amount: null, naReason: null, comment: null, evidenceUrl: null, baseRevision: 0 }
		]);
	});

	it('reports a broken item by key and keeps the others', () => {
		const { answers, errors } = parseAnswerForm({
			'rev:a.one': '0',
			'choice:a.one': '0',
			'rev:a.seven': '0',
			'amount:a.seven': 'forty',
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
			'a.five': 'form.too_long',
			'a.seven': 'answer.refused.amount_invalid'
		});
		expect(answers.map((a) => a.itemKey)).toEqual(['a.six']);
	});
});
