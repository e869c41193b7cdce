import { loadLink, useLinkAction } from '$lib/server/auth/link-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({ link: await loadLink(params.token, 'invitation') });

export const actions: Actions = { default: (event) => useLinkAction(event, 'invitation') };
