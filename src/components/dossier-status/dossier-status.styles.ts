import { css } from 'lit';
import { visuallyHiddenStyles } from '../../internal/a11y.styles.js';

/**
 * Styles of `<dvc-dossier-status>`.
 *
 * @cssproperty --dvc-color-primary - Buttons, timeline markers.
 * @cssproperty --dvc-color-on-primary - Text on the lookup button.
 * @cssproperty --dvc-color-error - Error messages, refused status.
 * @cssproperty --dvc-color-success - Result-ready and completed statuses.
 * @cssproperty --dvc-color-warning - Statuses that ask something of the citizen.
 * @cssproperty --dvc-color-panel - Background of the status panel.
 * @cssproperty --dvc-color-focus - Focus ring.
 */
export const styles = [
  visuallyHiddenStyles,
  css`
    :host {
      display: block;
      color: var(--dvc-color-text, #1b1b1b);
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
    p {
      margin: 0 0 1rem;
    }
    form {
      margin: 0 0 1.5rem;
    }
    label {
      display: block;
      font-weight: 700;
      margin-block-end: 0.25rem;
    }
    .hint {
      color: var(--dvc-color-secondary-text, #505a5f);
      margin-block-end: 0.5rem;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--dvc-color-error, #b3261e);
      font-weight: 700;
      margin-block-end: 0.5rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: stretch;
    }
    input {
      font: inherit;
      min-block-size: 2.75rem;
      max-inline-size: 100%;
      padding: 0.375rem 0.5rem;
      border: 2px solid var(--dvc-color-input-border, #0b0c0c);
      border-radius: var(--dvc-radius, 0);
      letter-spacing: 0.02em;
    }
    input[aria-invalid='true'] {
      border-color: var(--dvc-color-error, #b3261e);
      border-width: 3px;
    }
    button {
      font: inherit;
      font-weight: 600;
      min-block-size: 2.75rem;
      padding: 0.375rem 1rem;
      border: 2px solid var(--dvc-color-primary, #0b5cab);
      border-radius: var(--dvc-radius, 4px);
      background: var(--dvc-color-primary, #0b5cab);
      color: var(--dvc-color-on-primary, #fff);
      cursor: pointer;
    }
    button[part='retry-button'] {
      background: transparent;
      color: var(--dvc-color-primary, #0b5cab);
    }
    input:focus-visible,
    button:focus-visible,
    [tabindex='-1']:focus-visible {
      outline: 3px solid var(--dvc-color-focus, #ffbf47);
      outline-offset: 0;
      box-shadow: 0 0 0 5px var(--dvc-color-text, #0b0c0c);
    }
    [tabindex='-1']:focus:not(:focus-visible) {
      outline: none;
    }
    .message {
      border-inline-start: 5px solid var(--dvc-color-primary, #0b5cab);
      background: var(--dvc-color-panel, #f3f2f1);
      padding: 0.75rem 1rem;
    }
    .message--not-found,
    .message--invalid,
    .message--error,
    .message--offline {
      border-color: var(--dvc-color-error, #b3261e);
    }
    .message p:last-child {
      margin: 0;
    }
    .message button {
      margin-block-start: 0.25rem;
    }
    .h2,
    .h3,
    .h4,
    .h5,
    .h6 {
      font-weight: 700;
      margin: 0 0 0.75rem;
      overflow-wrap: anywhere;
    }
    .h2 {
      font-size: 1.5rem;
    }
    .h3 {
      font-size: 1.25rem;
    }
    .status {
      background: var(--dvc-color-panel, #f3f2f1);
      border-inline-start: 5px solid var(--dvc-color-primary, #0b5cab);
      padding: 0.75rem 1rem;
      font-size: 1.125rem;
    }
    .status--success {
      border-color: var(--dvc-color-success, #00703c);
    }
    .status--warning {
      border-color: var(--dvc-color-warning, #b35900);
    }
    .status--danger {
      border-color: var(--dvc-color-error, #b3261e);
    }
    .details {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
      gap: 0.5rem 1rem;
      margin: 0 0 1.5rem;
    }
    .details dt {
      font-weight: 600;
    }
    .details dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .timeline li {
      position: relative;
      padding: 0 0 1rem 1.75rem;
      border-inline-start: 3px solid var(--dvc-color-border, #b1b4b6);
      margin-inline-start: 0.5rem;
    }
    .timeline li:last-child {
      border-color: transparent;
    }
    .timeline li::before {
      content: '';
      position: absolute;
      inset-inline-start: -0.6rem;
      inset-block-start: 0.2rem;
      inline-size: 1rem;
      block-size: 1rem;
      border-radius: 50%;
      background: var(--dvc-color-background, #fff);
      border: 3px solid var(--dvc-color-primary, #0b5cab);
    }
    .timeline li[aria-current='step']::before {
      background: var(--dvc-color-primary, #0b5cab);
    }
    .timeline time {
      display: block;
      color: var(--dvc-color-secondary-text, #505a5f);
      font-variant-numeric: tabular-nums;
    }
    .timeline__status {
      font-weight: 700;
    }
    .timeline__note {
      margin: 0.25rem 0 0;
      overflow-wrap: anywhere;
    }
    @media (max-width: 480px) {
      .details {
        grid-template-columns: 1fr;
        gap: 0 1rem;
      }
      .details dd {
        margin-block-end: 0.5rem;
      }
      input,
      button {
        inline-size: 100%;
      }
    }
    @media (forced-colors: active) {
      .timeline li::before {
        forced-color-adjust: none;
        border-color: CanvasText;
      }
      .timeline li[aria-current='step']::before {
        background: CanvasText;
      }
    }
  `,
];
