/**
 * A feature's messages in the three languages. English defines the keys; the type
 * refuses a bokmål or Swedish table that misses one or adds one.
 */
export function defineMessages<const E extends Record<string, string>>(messages: {
	en: E;
	nb: { [K in keyof E]: string };
	sv: { [K in keyof E]: string };
}) {
	return messages;
}
