import { digitFieldStyles, fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-number-field>`. */
export const styles = [fieldStyles, digitFieldStyles];
