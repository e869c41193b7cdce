import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guard';
import { CALLBACK_PATH } from '$lib/server/auth/oidc';
import { installationUseSchema, ownProviderSchema, providerIdSchema, requirementSchema, updateSchema } from '$lib/server/auth/provider-form';
import { addProvider, listProviders, removeProvider, ssoSettings, updateProvider, useInstallationProvider } from '$lib/server/auth/providers';
import { sessionThroughCollaboration, setSsoRequired, ssoRequired } from '$lib/server/auth/sso-requirement';
import { db } from '$lib/server/db';
import { fieldErrors, postedFields } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	requirePermission(event, 'collaboration.manage', { collaborationId });
	const settings = ssoSettings();
	const sql = db();
	return {
		providers: await listProviders(sql, collaborationId),
		required: await ssoRequired(sql, collaborationId),
		canStoreSecrets: settings.secretKey !== null,
		installation: settings.installation.map(({ key, name }) => ({ key, name })),
		redirectUri: new URL(CALLBACK_PATH, event.url.origin).href
	};
};

/** The admin of this collaboration, and the form's fields. */
async function begin(event: RequestEvent) {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.manage', { collaborationId });
	return { collaborationId, user, fields: await postedFields(event.request), settings: ssoSettings() };
}

/** What a form gets back: never the secret it was sent. */
const typed = (fields: Record<string, string>): Record<string, string> => ({ ...fields, clientSecret: '' });

export const actions: Actions = {
	add: async (event) => {
		const { collaborationId, user, fields, settings } = await begin(event);
		if (!settings.secretKey) return fail(400, { action: 'add', values: typed(fields), message: 'sso_admin.no_secret_key' as const });
		const parsed = ownProviderSchema(settings.allowHttp).safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'add', values: typed(fields), errors: fieldErrors(parsed.error) });
		await addProvider(db(), collaborationId, parsed.data, settings, user.id);
		return { action: 'add', saved: 'sso_admin.added' as const };
	},
	use: async (event) => {
		const { collaborationId, user, fields, settings } = await begin(event);
		const parsed = installationUseSchema(settings.installation.map((p) => p.key)).safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'use', values: fields, errors: fieldErrors(parsed.error) });
		await useInstallationProvider(db(), collaborationId, parsed.data, user.id);
		return { action: 'use', saved: 'sso_admin.added' as const };
	},
	update: async (event) => {
		const { collaborationId, user, fields, settings } = await begin(event);
		const id = fields.providerId;
		const parsed = updateSchema(settings.allowHttp).safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'update', id, values: typed(fields), errors: fieldErrors(parsed.error) });
		if (parsed.data.clientSecret && !settings.secretKey)
			return fail(400, { action: 'update', id, values: typed(fields), message: 'sso_admin.no_secret_key' as const });
		const { providerId, ...input } = parsed.data;
		if (!(await updateProvider(db(), collaborationId, providerId, input, settings, user.id)))
			return fail(404, { action: 'update', id, message: 'form.unknown_id' as const });
		return { action: 'update', id, saved: 'sso_admin.updated' as const };
	},
	remove: async (event) => {
		const { collaborationId, user, fields } = await begin(event);
		const parsed = providerIdSchema.safeParse(fields);
		if (!parsed.success || !(await removeProvider(db(), collaborationId, parsed.data.providerId, user.id))) {
			return fail(404, { action: 'remove', message: 'form.unknown_id' as const });
		}
		return { action: 'remove', saved: 'sso_admin.removed' as const };
	},
	/** The requirement goes on only for an admin whose own session came through one of the providers: proof that it works. */
	requirement: async (event) => {
		const { collaborationId, user, fields } = await begin(event);
		const parsed = requirementSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'requirement', message: 'form.invalid' as const });
		const required = parsed.data.required === 'on';
		const sql = db();
		if (required && (await listProviders(sql, collaborationId)).length === 0)
			return fail(400, { action: 'requirement', message: 'sso_admin.require_needs_provider' as const });
		if (required && !(await sessionThroughCollaboration(sql, event.locals.session!.id, collaborationId))) {
			return fail(403, { action: 'requirement', message: 'sso_admin.require_needs_sso_session' as const });
		}
		await setSsoRequired(sql, collaborationId, required, user.id);
		return { action: 'requirement', saved: required ? ('sso_admin.required_on' as const) : ('sso_admin.required_off' as const) };
	}
};
