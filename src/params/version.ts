import type { ParamMatcher } from '@sveltejs/kit';

/** A questionnaire version number: 1 … 9999, no leading zeros. */
export const match: ParamMatcher = (param) => /^[1-9][0-9]{0,3}$/.test(param);
