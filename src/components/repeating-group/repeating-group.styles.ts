import { css } from 'lit';
import { visuallyHiddenStyles } from '../../internal/a11y.styles.js';

/**
 * Styles of `<dvc-repeating-group>`.
 * @cssproperty --dvc-repeat-row-border - Border of a row.
 * @cssproperty --dvc-repeat-row-padding - Padding of a row.
 * @cssproperty --dvc-color-accent - Button colour.
 */
export const styles = [
  visuallyHiddenStyles,
  css`
    :host {
      display: block;
      margin-block-end: var(--dvc-field-gap, 1.25rem);
      font-family: var(--dvc-font-family, system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
      color: var(--dvc-color-text, #1b1b1b);
      min-inline-size: 0;
    }
    :host([hidden]) {
      display: none;
    }
    * {
      box-sizing: border-box;
    }
    [hidden] {
      display: none !important;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    legend {
      font-size: 1.25rem;
      font-weight: 700;
      padding: 0;
      margin-block-end: 0.5rem;
      overflow-wrap: anywhere;
    }
    .hint {
      color: var(--dvc-color-muted, #505a5f);
      margin: 0 0 0.75rem;
    }
    .error {
      color: var(--dvc-color-error, #b3261e);
      font-weight: 600;
      margin: 0 0 0.75rem;
    }
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 1rem;
    }
    .row {
      border: var(--dvc-repeat-row-border, 1px solid var(--dvc-color-border, #b1b4b6));
      border-radius: var(--dvc-radius, 4px);
      padding: var(--dvc-repeat-row-padding, 0.75rem);
      min-inline-size: 0;
    }
    .row-title {
      font-weight: 700;
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }
    .row-title:focus {
      outline: 3px solid var(--dvc-color-focus, #ffbf47);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block-start: 0.5rem;
    }
    button {
      font: inherit;
      min-block-size: 2.75rem;
      min-inline-size: 2.75rem;
      padding: 0.375rem 0.875rem;
      border-radius: var(--dvc-radius, 4px);
      border: 2px solid var(--dvc-color-accent, #1d4f91);
      background: var(--dvc-color-surface, #fff);
      color: var(--dvc-color-accent, #1d4f91);
      cursor: pointer;
    }
    button[aria-disabled='true'] {
      opacity: 0.5;
      cursor: not-allowed;
    }
    button.add {
      margin-block-start: 1rem;
      background: var(--dvc-color-accent, #1d4f91);
      color: var(--dvc-color-on-accent, #fff);
    }
    button.remove {
      border-color: var(--dvc-color-error, #b3261e);
      color: var(--dvc-color-error, #b3261e);
    }
    button:focus-visible {
      outline: 3px solid var(--dvc-color-focus, #ffbf47);
      outline-offset: 0;
      box-shadow: 0 0 0 5px var(--dvc-color-text, #1b1b1b);
    }
  `,
];
