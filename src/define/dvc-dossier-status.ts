/** Registers `<dvc-dossier-status>`. */
import { define } from '../internal/define.js';
import { DvcDossierStatus } from '../components/dossier-status/dossier-status.js';

define('dvc-dossier-status', DvcDossierStatus);
