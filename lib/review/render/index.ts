import type { ReviewDiff } from '../diff';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderText } from './text';

/** The report formats of `npm run diff -- --format`. */
export const REPORT_FORMATS = ['text', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Raised for a format name that is not one of {@link REPORT_FORMATS}. */
export class UnknownFormatError extends Error {
  constructor(readonly format: string) {
    super(`unknown format "${format}": use one of ${REPORT_FORMATS.join(', ')}`);
    this.name = 'UnknownFormatError';
  }
}

/** Renders a review in the named format; `color` applies to text only. */
export function renderReview(diff: ReviewDiff, format: string, options: { color: boolean }): string {
  switch (format) {
    case 'text':
      return renderText(diff, options);
    case 'markdown':
      return renderMarkdown(diff);
    case 'json':
      return renderJson(diff);
    default:
      throw new UnknownFormatError(format);
  }
}
