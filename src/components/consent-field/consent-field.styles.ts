import { css } from 'lit';
import { fieldStyles } from '../../internal/field.styles.js';

/** Styles of `<dvc-consent-field>`. */
export const styles = [
  fieldStyles,
  css`
    .statement {
      padding: 0.75rem 1rem;
      border-inline-start: 4px solid var(--dvc-color-border, #4d5156);
      background: var(--dvc-color-disabled, #f3f2f1);
      overflow-wrap: anywhere;
    }
    .option label {
      font-weight: 600;
    }
  `,
];
