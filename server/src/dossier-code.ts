/**
 * The `{code}` path parameter of the dossier routes (`/dossiers/{code}`, its payments, the officer's
 * views): the runtime's pattern of a dossier code (dvc-forms/runtime/dossier-code.js, the one the
 * browser's `<dvc-dossier-status>` checks a typed code with), at most 64 characters.
 */
import { DOSSIER_CODE_PATTERN } from 'dvc-forms/runtime/dossier-code.js';

/** JSON Schema of a dossier code in a route's `params`. */
export const DOSSIER_CODE_PARAM = { type: 'string', pattern: DOSSIER_CODE_PATTERN.source, maxLength: 64 } as const;
