import { en } from './en';
import { nb } from './nb';
import { nn } from './nn';
import { sv } from './sv';

export type { Catalogue, MessageKey } from './en';

/**
 * All four languages at once, for the server (mails, exports, error messages) and the
 * tests. A page in the browser loads only its reader's language (load.ts): nothing in
 * the client may import this module.
 */
export const catalogues = { en, nb, nn, sv };
