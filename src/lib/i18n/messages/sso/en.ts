/**
 * Sign-in through the organisation's identity provider (OpenID Connect), its error page,
 * and a collaboration's sign-in settings.
 * English defines the keys; nb.ts and sv.ts must have exactly these.
 */
export const en = {
	'sso.sign_in_with': 'Sign in with {name}',
	'sso.use_organisation': 'Sign in with your organisation’s account',
	'sso.title': 'Sign in with your organisation',
	'sso.lead':
		'If your municipality signs in to Moden through its own identity provider (such as Microsoft Entra ID), type your work e-mail address to find it.',
	'sso.work_email': 'Work e-mail',
	'sso.find': 'Find my sign-in',
	'sso.found': 'Your organisation signs in with:',
	'sso.no_provider': 'No identity provider is set up for {domain}. Sign in with your password, or ask your collaboration’s administrator.',
	'sso.password_instead': 'Sign in with a password instead',
	'sso.password_refused': '{collaborations} requires you to sign in through your organisation’s identity provider, so your password is not accepted.',
	'sso.throttled': 'Too many sign-ins from here. Try again at {time}.',
	'sso.failed_title': 'Sign-in did not succeed',
	'sso.tell_it': 'What to tell your IT department',
	'sso.reference': 'Provider: {provider}. Time: {time}. The collaboration’s administrators find this attempt in their audit trail.',
	'sso.try_again': 'Start again',
	'sso.failure.flow_missing': 'This sign-in has expired, was already used, or was begun in another browser.',
	'sso.it.flow_missing':
		'Nothing needs to change in the set-up. Start the sign-in again from Moden’s sign-in page and finish it within ten minutes in the same browser. If it happens every time, the browser may be refusing Moden’s cookies.',
	'sso.failure.provider_unknown': 'This identity provider is not set up in Moden (any more).',
	'sso.it.provider_unknown': 'Ask the collaboration’s administrator whether the provider was removed from the collaboration’s sign-in settings.',
	'sso.failure.provider_misconfigured': 'Moden cannot use the settings of {provider}: the stored client secret cannot be read.',
	'sso.it.provider_misconfigured':
		'The collaboration’s administrator must enter the client secret again in the collaboration’s sign-in settings (the installation’s MODEN_SECRET_KEY has changed), or the operator must put the old key back.',
	'sso.failure.provider_unreachable': 'Moden could not reach {provider}, or did not understand its answer.',
	'sso.it.provider_unreachable':
		'Check the issuer URL in the collaboration’s sign-in settings, and that the provider’s discovery document (the issuer followed by /.well-known/openid-configuration) answers over HTTPS from Moden’s server.',
	'sso.failure.provider_error': '{provider} did not sign you in (error “{code}”).',
	'sso.it.provider_error':
		'Look up the error “{code}” in the provider’s sign-in log for Moden’s app registration. Common causes: the app has no consent in your tenant, you are not assigned to the app, the redirect URI is not registered, or the client secret has expired.',
	'sso.failure.validation_failed': 'The answer from {provider} failed Moden’s check of {check}.',
	'sso.it.validation_failed':
		'Moden checks every ID token’s signature, issuer, audience, expiry and nonce. Check that the issuer URL in Moden is exactly the provider’s issuer, that the client ID is Moden’s app registration, and that the provider’s clock is right.',
	'sso.check.issuer': 'the issuer (iss)',
	'sso.check.audience': 'the audience (aud: the token was not issued to Moden)',
	'sso.check.expired': 'the token’s validity (it had expired)',
	'sso.check.nonce': 'the nonce (the token does not belong to this sign-in)',
	'sso.check.state': 'the state (the answer does not belong to this sign-in)',
	'sso.check.signature': 'the signature',
	'sso.check.other': 'the token',
	'sso.failure.tenant_not_allowed': 'Your organisation’s tenant ({tenant}) may not sign in through {provider} here.',
	'sso.it.tenant_not_allowed': 'Ask the collaboration’s administrator to add the tenant ID {tenant} to this provider in the collaboration’s sign-in settings.',
	'sso.failure.domain_not_allowed': 'Addresses at {domain} may not sign in through {provider}.',
	'sso.it.domain_not_allowed':
		'Ask the collaboration’s administrator to add the domain {domain} to this provider in Moden, and check that the provider sends the person’s work e-mail address (the email claim).',
	'sso.failure.email_unverified': '{provider} did not confirm your e-mail address ({email}), so Moden cannot tell which account is yours.',
	'sso.it.email_unverified':
		'The provider must send the email claim with email_verified = true (in Keycloak: the user’s e-mail marked verified). For Entra ID, the collaboration’s administrator lists the address’s domain with the tenant in Moden.',
	'sso.failure.no_account': 'There is no Moden account for {email}.',
	'sso.it.no_account':
		'Signing in does not create accounts. Ask your collaboration’s administrator to invite {email}, written exactly as your provider sends it.',
	'sso.failure.no_role': 'Your account has no role in a collaboration that uses {provider}.',
	'sso.it.no_role': 'Ask your collaboration’s administrator for a role. The platform administrator signs in with a password.',
	'sso.failure.other_collaborations': 'Your account also has roles in collaborations that do not accept {provider}, so Moden cannot sign you in through it.',
	'sso.it.other_collaborations':
		'Every collaboration you have a role in must add this provider (or your tenant) to its sign-in settings before the provider can sign you in: ask their administrators. Until then, sign in with your password where none of them requires its provider.',
	'sso.signed_out': 'You are signed out of Moden.',
	'sso.still_signed_in': 'You may still be signed in at {provider}. On a shared computer, sign out there too.',
	'sso.sign_out_at': 'Sign out at {provider}',
	'sso_admin.lead':
		'Let your people sign in with their organisation’s account (OpenID Connect: Microsoft Entra ID, ID-porten, Keycloak …). Signing in gives no role: a person still needs a role here, and is found by their verified e-mail address the first time.',
	'sso_admin.redirect_uri': 'Redirect URI to register at the provider',
	'sso_admin.no_secret_key':
		'A provider of your own cannot be set up on this installation: the operator has not set MODEN_SECRET_KEY, the key that protects client secrets. Ask the operator.',
	'sso_admin.providers': 'Identity providers',
	'sso_admin.none': 'No identity provider is set up. Everyone signs in with a password.',
	'sso_admin.name': 'Name on the button',
	'sso_admin.name_help': 'Shown as “Sign in with …”, e.g. Gjøvik kommune.',
	'sso_admin.issuer': 'Issuer URL',
	'sso_admin.issuer_help':
		'e.g. https://login.microsoftonline.com/organizations/v2.0 (Entra ID, several tenants) or https://auth.example.no/realms/kommune (Keycloak).',
	'sso_admin.client_id': 'Client ID',
	'sso_admin.client_secret': 'Client secret',
	'sso_admin.client_secret_keep': 'Leave empty to keep the stored secret.',
	'sso_admin.tenants': 'Tenant IDs (Entra ID)',
	'sso_admin.tenants_help': 'One per line. Only people of these tenants may sign in. Leave empty for other providers.',
	'sso_admin.domains': 'E-mail domains',
	'sso_admin.domains_help':
		'One per line, e.g. gjovik.kommune.no. People who type such an address on the sign-in page find this provider. Without tenant IDs only these domains may sign in; with tenant IDs, addresses at these domains count as verified.',
	'sso_admin.add': 'Add a provider of your own',
	'sso_admin.add_button': 'Add provider',
	'sso_admin.use_installation': 'Use a provider set up by the operator',
	'sso_admin.installation': 'Provider',
	'sso_admin.use_button': 'Use this provider',
	'sso_admin.installation_tag': 'set up by the operator',
	'sso_admin.added': 'The provider is added. Try signing in with it.',
	'sso_admin.updated': 'Saved.',
	'sso_admin.removed': 'The provider is removed.',
	'sso_admin.edit': 'Change',
	'sso_admin.edit_aria': 'Change {name}',
	'sso_admin.remove': 'Remove',
	'sso_admin.remove_aria': 'Remove {name}',
	'sso_admin.try': 'Try signing in with {name}',
	'sso_admin.requirement': 'Require sign-in through a provider',
	'sso_admin.requirement_text':
		'Passwords are then refused to everyone with a role in {name}, including people who also have roles in other collaborations. It can be switched on only by an administrator who signed in through one of this collaboration’s providers, so it is known to work.',
	'sso_admin.require': 'Our people must sign in through an identity provider',
	'sso_admin.require_needs_provider': 'Add a provider first.',
	'sso_admin.require_needs_sso_session':
		'Sign in through one of this collaboration’s providers first (sign out, then “Sign in with your organisation’s account”), so that you know it works: otherwise everyone, you included, could be locked out.',
	'sso_admin.required_on': 'Passwords are now refused to this collaboration’s people.',
	'sso_admin.required_off': 'People may sign in with a password again.',
	'sso_admin.tenant_invalid': 'Each tenant ID is a GUID, like 72f988bf-86f1-41af-91ab-2d7cd011db47.',
	'sso_admin.domain_invalid': 'Each domain looks like gjovik.kommune.no: no @, no spaces.',
	'sso_admin.allow_list_required': 'List at least one tenant ID or e-mail domain: who may sign in through this provider.',
	'sso_admin.issuer_invalid': 'Enter the provider’s issuer as an https:// address, without a query.',
	'sso_admin.too_many': 'At most 50.'
};
