import { digitFieldStyles, fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-id-number-field>`. */
export const styles = [fieldStyles, digitFieldStyles];
