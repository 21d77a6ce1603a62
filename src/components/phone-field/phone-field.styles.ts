import { digitFieldStyles, fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-phone-field>`. */
export const styles = [fieldStyles, digitFieldStyles];
