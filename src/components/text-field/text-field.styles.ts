import { css } from 'lit';
import { fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-text-field>`. */
export const styles = [fieldStyles, css``];
