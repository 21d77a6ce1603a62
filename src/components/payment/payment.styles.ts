import { css } from 'lit';
import { checkStyles, panelStyles } from '../../internal/panel.styles.js';

/**
 * Styles of `<dvc-payment>`.
 *
 * @cssproperty --dvc-color-primary - Buttons, links, the panel's edge.
 * @cssproperty --dvc-color-on-primary - Text on primary buttons.
 * @cssproperty --dvc-color-panel - Background of the payment panel.
 * @cssproperty --dvc-payment-qr-size - Largest width of the VietQR image.
 */
export const styles = [
  panelStyles,
  checkStyles,
  css`
    [hidden] {
      display: none !important;
    }
    p {
      margin: 0 0 1rem;
    }
    .panel {
      background: var(--dvc-color-panel, #f3f2f1);
      border-inline-start: 5px solid var(--dvc-color-primary, #0b5cab);
      padding: 0.75rem 1rem;
      margin: 0 0 1.5rem;
    }
    .panel.paid {
      border-color: var(--dvc-color-success, #00703c);
    }
    .facts {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .qr {
      display: block;
      inline-size: min(100%, var(--dvc-payment-qr-size, 240px));
      block-size: auto;
      margin: 0 auto 1rem;
      background: #fff;
      padding: 8px;
    }
    fieldset.choices {
      border: 1px solid var(--dvc-color-border, #b1b4b6);
      border-radius: var(--dvc-radius, 4px);
      padding: 0.75rem 1rem 1rem;
      margin: 0 0 1rem;
      min-inline-size: 0;
    }
    fieldset.choices.invalid {
      border: 3px solid var(--dvc-color-error, #b3261e);
    }
    legend {
      font-weight: 700;
      padding-inline: 0.25rem;
    }
    .hint {
      color: var(--dvc-color-muted, #505a5f);
    }
    .error-message {
      color: var(--dvc-color-error, #b3261e);
      font-weight: 600;
      margin: 0 0 0.75rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin-block-start: 1rem;
    }
    @media (max-width: 480px) {
      .facts {
        grid-template-columns: 1fr;
      }
      .facts dd {
        margin-block-end: 0.5rem;
      }
      .actions button,
      .actions a.button {
        flex: 1 1 100%;
        justify-content: center;
      }
    }
    @media print {
      .actions {
        display: none;
      }
    }
  `,
];
