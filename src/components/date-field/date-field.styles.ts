import { digitFieldStyles, fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-date-field>`. */
export const styles = [fieldStyles, digitFieldStyles];
