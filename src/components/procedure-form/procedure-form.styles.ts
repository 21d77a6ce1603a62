import { css } from 'lit';

/**
 * Default theme: a clean public-service look. Every colour, size and radius comes from a `--dvc-*` token.
 *
 * @cssproperty --dvc-color-primary - Buttons, links, progress.
 * @cssproperty --dvc-color-on-primary - Text on primary buttons.
 * @cssproperty --dvc-color-text - Body text.
 * @cssproperty --dvc-color-muted - Secondary text.
 * @cssproperty --dvc-color-border - Borders.
 * @cssproperty --dvc-color-surface - Page background of the form.
 * @cssproperty --dvc-color-panel - Background of info panels.
 * @cssproperty --dvc-color-error - Errors.
 * @cssproperty --dvc-color-focus - Focus ring.
 * @cssproperty --dvc-font-family - Font family.
 * @cssproperty --dvc-font-size - Base font size.
 * @cssproperty --dvc-radius - Corner radius.
 * @cssproperty --dvc-procedure-form-max-width - Maximum width of the form column.
 */
export const procedureFormStyles = css`
  :host {
    display: block;
    color: var(--dvc-color-text, #1b1b1b);
    background: var(--dvc-color-surface, #fff);
    font-family: var(--dvc-font-family, system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    font-size: var(--dvc-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .base {
    max-inline-size: var(--dvc-procedure-form-max-width, 46rem);
    margin-inline: auto;
    padding: 1rem;
    min-inline-size: 0;
  }
  .caption {
    color: var(--dvc-color-muted, #505a5f);
    margin: 0 0 0.25rem;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  h2 {
    font-size: 1.6rem;
    line-height: 1.25;
    margin: 0 0 1rem;
    overflow-wrap: anywhere;
  }
  h2:focus {
    outline: none;
  }
  h3 {
    font-size: 1.15rem;
    margin: 1.5rem 0 0.5rem;
  }
  p {
    margin: 0 0 1rem;
  }
  ul.plain {
    margin: 0 0 1rem;
    padding-inline-start: 1.25rem;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
    gap: 0.5rem 1rem;
    margin: 0 0 1.5rem;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
  }
  .panel {
    background: var(--dvc-color-panel, #f3f2f1);
    border-inline-start: 5px solid var(--dvc-color-primary, #0b5cab);
    padding: 0.75rem 1rem;
    margin: 0 0 1.5rem;
  }
  .banner {
    padding: 0.75rem 1rem;
    margin: 0 0 1.5rem;
    border: 3px solid var(--dvc-color-primary, #0b5cab);
  }
  .banner.offline,
  .banner.error {
    border-color: var(--dvc-color-error, #b3261e);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: 1.5rem;
    align-items: center;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding: 0.5rem 1.25rem;
    border-radius: var(--dvc-radius, 4px);
    border: 2px solid var(--dvc-color-primary, #0b5cab);
    background: var(--dvc-color-primary, #0b5cab);
    color: var(--dvc-color-on-primary, #fff);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
  }
  button.secondary {
    background: transparent;
    color: var(--dvc-color-primary, #0b5cab);
  }
  button.link {
    background: none;
    border: none;
    color: var(--dvc-color-primary, #0b5cab);
    text-decoration: underline;
    padding: 0.25rem;
    min-block-size: 24px;
    font-weight: 400;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  label.file:focus-within {
    outline: 3px solid var(--dvc-color-focus, #ffbf47);
    outline-offset: 2px;
  }
  a {
    color: var(--dvc-color-primary, #0b5cab);
  }
  fieldset.array,
  fieldset.row,
  fieldset.attachment,
  fieldset.choices {
    border: 1px solid var(--dvc-color-border, #b1b4b6);
    border-radius: var(--dvc-radius, 4px);
    padding: 0.75rem 1rem 1rem;
    margin: 0 0 1.5rem;
    min-inline-size: 0;
  }
  fieldset.row {
    margin-block: 0.75rem;
  }
  fieldset.attachment.invalid {
    border: 3px solid var(--dvc-color-error, #b3261e);
  }
  legend {
    font-weight: 700;
    padding-inline: 0.25rem;
    overflow-wrap: anywhere;
  }
  .hint {
    color: var(--dvc-color-muted, #505a5f);
    margin: 0 0 0.75rem;
  }
  .error-message {
    color: var(--dvc-color-error, #b3261e);
    font-weight: 600;
    margin: 0 0 0.5rem;
  }
  label.file {
    display: inline-flex;
    position: relative;
  }
  label.file input {
    position: absolute;
    inset: 0;
    opacity: 0;
    inline-size: 100%;
    cursor: pointer;
  }
  .files {
    list-style: none;
    padding: 0;
    margin: 0.75rem 0 0;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0;
    overflow-wrap: anywhere;
  }
  progress {
    inline-size: 8rem;
    accent-color: var(--dvc-color-primary, #0b5cab);
  }
  .check {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: 0.25rem 0;
  }
  .check input {
    inline-size: 28px;
    block-size: 28px;
    margin: 0;
    flex: none;
    accent-color: var(--dvc-color-primary, #0b5cab);
  }
  .qr {
    display: block;
    inline-size: min(100%, 240px);
    block-size: auto;
    margin: 0 auto 1rem;
    background: #fff;
    padding: 8px;
  }
  .total {
    font-size: 1.25rem;
    font-weight: 700;
  }
  .visually-hidden {
    position: absolute;
    clip-path: inset(50%);
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    white-space: nowrap;
  }
  @media (max-width: 480px) {
    .base {
      padding: 0.75rem;
    }
    .facts {
      grid-template-columns: 1fr;
    }
    .facts dd {
      margin-block-end: 0.5rem;
    }
    h2 {
      font-size: 1.35rem;
    }
    .actions button {
      flex: 1 1 100%;
      justify-content: center;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media print {
    .actions,
    dvc-step-progress {
      display: none;
    }
  }
`;
