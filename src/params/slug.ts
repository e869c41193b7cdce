import type { ParamMatcher } from '@sveltejs/kit';

/** A questionnaire's slug, as questionnaire files must have it (questionnaires/schema.ts); anything else is a 404 before any query runs. */
export const match: ParamMatcher = (param) => /^[a-z0-9][a-z0-9-]{0,59}$/.test(param);
