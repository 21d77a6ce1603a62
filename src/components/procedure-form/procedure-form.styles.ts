import { css } from 'lit';
import { visuallyHiddenStyles } from '../../internal/a11y.styles.js';
import { checkStyles, panelStyles } from '../../internal/panel.styles.js';

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
export const procedureFormStyles = [
  panelStyles,
  checkStyles,
  visuallyHiddenStyles,
  css`
    :host {
      background: var(--dvc-color-surface, #fff);
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
    a {
      color: var(--dvc-color-primary, #0b5cab);
    }
    fieldset.array,
    fieldset.row {
      border: 1px solid var(--dvc-color-border, #b1b4b6);
      border-radius: var(--dvc-radius, 4px);
      padding: 0.75rem 1rem 1rem;
      margin: 0 0 1.5rem;
      min-inline-size: 0;
    }
    fieldset.row {
      margin-block: 0.75rem;
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
    .total {
      font-size: 1.25rem;
      font-weight: 700;
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
    dvc-attachment {
      margin-block-end: 1.5rem;
    }
    @media print {
      .actions,
      dvc-step-progress {
        display: none;
      }
    }
  `,
];
