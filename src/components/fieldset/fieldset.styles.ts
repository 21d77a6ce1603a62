import { css } from 'lit';

/**
 * Styles of `<dvc-fieldset>`.
 * @cssproperty --dvc-fieldset-border - Border of the group.
 * @cssproperty --dvc-fieldset-padding - Inner padding.
 * @cssproperty --dvc-fieldset-legend-size - Font size of the legend.
 */
export const styles = css`
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
  fieldset {
    margin: 0;
    min-inline-size: 0;
    border: var(--dvc-fieldset-border, 0);
    padding: var(--dvc-fieldset-padding, 0);
  }
  legend {
    font-size: var(--dvc-fieldset-legend-size, 1.25rem);
    font-weight: 700;
    padding: 0;
    margin-block-end: 0.5rem;
    overflow-wrap: anywhere;
  }
  .hint {
    color: var(--dvc-color-muted, #505a5f);
    margin: 0 0 0.75rem;
    overflow-wrap: anywhere;
  }
  .error {
    color: var(--dvc-color-error, #b3261e);
    font-weight: 600;
    margin: 0 0 0.75rem;
  }
  [hidden] {
    display: none !important;
  }
`;
