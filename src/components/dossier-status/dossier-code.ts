/** Dossier codes: the rule lives in the runtime (src/runtime/dossier-code.ts); re-exported for this component's old path. */
export { checkDossierCode, DOSSIER_CODE_EXAMPLE, DOSSIER_CODE_PATTERN, type DossierCodeCheck } from '../../runtime/dossier-code.js';
