import { css } from 'lit';
import { fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-id-number-field>`. */
export const styles = [fieldStyles, css`
  .input.digits {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .input.short {
    max-inline-size: 12em;
  }
`];
