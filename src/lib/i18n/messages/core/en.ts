/**
 * The texts every page shares: the frame (header, navigation, language, footer), the
 * error page and the errors any form field can give. Every page brings these
 * (route-messages.ts), so keep here only what every page may show. English defines the
 * keys; nb.ts, nn.ts and sv.ts must have exactly these (the type checker enforces it).
 * `{name}` marks a parameter.
 */
export const en = {
	'app.demo_banner': 'Demonstration: every collaboration, person and answer here is generated, not real.',
	'app.name': 'Moden',
	'app.tagline': 'Digital maturity, measured together',
	'app.skip_to_content': 'Skip to main content',
	'nav.label': 'Main navigation',
	'nav.home': 'Home',
	'nav.questionnaires': 'Questionnaires',
	'nav.sign_in': 'Sign in',
	'nav.sign_out': 'Sign out',
	'nav.collaborations': 'Collaborations',
	'nav.assessments': 'My assessments',
	'language.label': 'Language',
	'language.nb': 'Norsk bokmål',
	'language.nn': 'Norsk nynorsk',
	'language.sv': 'Svenska',
	'language.en': 'English',
	'language.change': 'Change language',
	'footer.text': 'Moden — self-assessment of digital maturity for municipalities in Norway and Sweden.',
	'error.title': 'Something went wrong',
	'error.not_found': 'The page was not found.',
	'error.back_home': 'Back to the home page',
	'error.unavailable': 'The database is not answering just now. Nothing saved is lost; try again in a moment.',
	'error.try_again': 'Try again',
	'error.forbidden': 'You do not have access to this page.',
	'form.required': 'Fill this in.',
	'form.too_long': 'This is too long.',
	'form.invalid': 'This value is not valid.',
	'form.email_invalid': 'Enter a valid e-mail address, like name@kommune.no.',
	'form.password_short': 'The password must have at least 10 characters.',
	'form.control_characters': 'This contains characters that cannot be saved, such as invisible control characters. Remove them and try again.',
	'form.single_line': 'Write this on one line, without line breaks or tabs.',
	'form.unknown_id': 'That item does not exist (any more). Reload the page.'
} as const;
