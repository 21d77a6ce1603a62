import { css } from 'lit';
import { visuallyHiddenStyles } from '../../internal/a11y.styles.js';

/**
 * @cssproperty --dvc-color-primary - Colour of done and current steps.
 * @cssproperty --dvc-color-muted - Colour of steps to come.
 * @cssproperty --dvc-step-progress-track - Colour of the track.
 */
export const stepProgressStyles = [
  visuallyHiddenStyles,
  css`
    :host {
      display: block;
      margin-block-end: 1.5rem;
      color: var(--dvc-color-text, #1b1b1b);
    }
    .count {
      margin: 0 0 0.5rem;
      color: var(--dvc-color-muted, #505a5f);
      font-size: 0.95rem;
    }
    .bar {
      block-size: 6px;
      border-radius: 3px;
      background: var(--dvc-step-progress-track, #dfe3e6);
      overflow: hidden;
    }
    .fill {
      block-size: 100%;
      inline-size: var(--dvc-step-progress-value, 0%);
      background: var(--dvc-color-primary, #0b5cab);
      transition: inline-size 0.3s ease;
    }
    ol {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      font-size: 0.9rem;
    }
    li {
      color: var(--dvc-color-muted, #505a5f);
    }
    li[aria-current='step'] {
      color: var(--dvc-color-primary, #0b5cab);
      font-weight: 700;
    }
    li.done {
      color: var(--dvc-color-text, #1b1b1b);
    }
    @media (max-width: 480px) {
      ol {
        display: none;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .fill {
        transition: none;
      }
    }
  `,
];
