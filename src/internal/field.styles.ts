/** Styles shared by every field control. Tokens: `--dvc-<category>-<name>` (global), `--dvc-field-*`. */
import { css } from 'lit';
import { visuallyHiddenStyles } from './a11y.styles.js';

/**
 * @cssproperty --dvc-color-text - Text colour.
 * @cssproperty --dvc-color-muted - Hint colour.
 * @cssproperty --dvc-color-error - Error colour.
 * @cssproperty --dvc-color-warning - Warning colour.
 * @cssproperty --dvc-color-border - Input border colour.
 * @cssproperty --dvc-color-focus - Focus ring colour.
 * @cssproperty --dvc-color-surface - Input background.
 * @cssproperty --dvc-color-prefilled - Background of prefilled inputs.
 * @cssproperty --dvc-font-family - Font family.
 * @cssproperty --dvc-font-size - Base font size.
 * @cssproperty --dvc-radius - Corner radius.
 * @cssproperty --dvc-field-gap - Space below a field.
 */
export const fieldStyles = css`
  :host {
    display: block;
    margin-block-end: var(--dvc-field-gap, 1.25rem);
    color: var(--dvc-color-text, #1b1b1b);
    font-family: var(--dvc-font-family, system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    font-size: var(--dvc-font-size, 1rem);
    line-height: 1.4;
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
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  fieldset.field {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .label {
    font-weight: 600;
    overflow-wrap: anywhere;
    padding: 0;
  }
  .required-mark {
    color: var(--dvc-color-error, #b3261e);
    margin-inline-start: 0.25em;
  }
  .hint {
    color: var(--dvc-color-muted, #505a5f);
    overflow-wrap: anywhere;
  }
  .error {
    color: var(--dvc-color-error, #b3261e);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .warning {
    color: var(--dvc-color-warning, #7a4d00);
    border-inline-start: 4px solid var(--dvc-color-warning, #b26b00);
    padding-inline-start: 0.5rem;
    overflow-wrap: anywhere;
  }
  .has-error {
    border-inline-start: 4px solid var(--dvc-color-error, #b3261e);
    padding-inline-start: 0.75rem;
  }
  .input,
  select.input,
  textarea.input {
    font: inherit;
    color: inherit;
    inline-size: 100%;
    max-inline-size: var(--dvc-field-max-width, 100%);
    min-block-size: 2.75rem;
    padding: 0.5rem 0.625rem;
    border: 2px solid var(--dvc-color-border, #4d5156);
    border-radius: var(--dvc-radius, 4px);
    background: var(--dvc-color-surface, #fff);
  }
  textarea.input {
    resize: vertical;
  }
  .has-error .input {
    border-color: var(--dvc-color-error, #b3261e);
  }
  :host(:state(prefilled)) .input {
    background: var(--dvc-color-prefilled, #eef5fb);
  }
  .input:focus-visible,
  input[type='checkbox']:focus-visible,
  input[type='radio']:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--dvc-color-focus, #ffbf47);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--dvc-color-text, #1b1b1b);
  }
  .input:disabled,
  .input[readonly] {
    background: var(--dvc-color-disabled, #f3f2f1);
    cursor: not-allowed;
  }
  .input[readonly] {
    cursor: default;
  }
  .options {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .option input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0.125rem 0 0;
    flex: none;
    accent-color: var(--dvc-color-accent, #1d4f91);
  }
  .option label {
    padding-block: 0.125rem;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  ${visuallyHiddenStyles}
  @media (forced-colors: active) {
    .input:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** Extra styles of the digit-entry controls (date, number, phone, ID number): aligned digits, a short box. */
export const digitFieldStyles = css`
  .input.digits {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .input.short {
    max-inline-size: 12em;
  }
`;
