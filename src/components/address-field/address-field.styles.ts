import { css } from 'lit';
import { fieldStyles } from '../../internal/field.styles.js';

/**
 * Styles of `<dvc-address-field>`.
 * @cssproperty --dvc-address-listbox-max-height - Height of the open list.
 */
export const styles = [
  fieldStyles,
  css`
    /* Paragraphs inside the field follow the field's own rhythm (the flex gap), not the UA's 1em margins. */
    p.hint,
    p.error,
    p.loading {
      margin: 0;
    }
    /* Province and commune side by side when there is room for both, stacked otherwise. Each column holds
       its combobox and that combobox's own hint, so a hint stays under its box on wide screens. */
    .parts {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      align-items: start;
    }
    .street {
      margin-block-start: 0.5rem;
    }
    .part {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-inline-size: 0;
    }
    .sub-label {
      display: block;
      margin-block-end: 0.25rem;
    }
    .combobox-wrap {
      position: relative;
    }
    .listbox {
      position: absolute;
      z-index: 10;
      inset-inline: 0;
      margin: 0.125rem 0 0;
      padding: 0.25rem 0;
      list-style: none;
      max-block-size: var(--dvc-address-listbox-max-height, 16rem);
      overflow-y: auto;
      background: var(--dvc-color-surface, #fff);
      border: 2px solid var(--dvc-color-border, #4d5156);
      border-radius: var(--dvc-radius, 4px);
      box-shadow: 0 4px 12px rgb(0 0 0 / 20%);
    }
    .option-item {
      padding: 0.5rem 0.75rem;
      min-block-size: 2.75rem;
      display: flex;
      align-items: center;
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    .option-item[aria-selected='true'] {
      font-weight: 600;
    }
    .option-item.active,
    .option-item:hover {
      background: var(--dvc-color-accent, #1d4f91);
      color: var(--dvc-color-on-accent, #fff);
    }
    .loading {
      color: var(--dvc-color-muted, #505a5f);
    }
  `,
];
