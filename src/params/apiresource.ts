import type { ParamMatcher } from '@sveltejs/kit';
import { apiResources } from '$lib/api-resources';

/** The read API's resources: anything else is a 404 before any query runs. */
export const match: ParamMatcher = (param) => (apiResources as readonly string[]).includes(param);
