/**
 * The audit log: every event of the contract's life as a table (time in UTC, event, actor, IP,
 * detail), across as many pages as it takes, with the column headings repeated on each page; then
 * the hash that chains the events, so the printed log can be checked against the stored one.
 */
import type { PDFDocument } from '@cantoo/pdf-lib';
import { PageFlow, MUTED, RULE, type TextStyle } from './page-flow';
import type { DocumentFonts } from './pdf-fonts';
import type { SealEvent } from './seal-input';
import { LINE_HEIGHT } from './text-fitting';
import { formatUtc } from './utc-time';

export interface AuditLogContent {
  brandName: string;
  title: string;
  contractId: string;
  events: readonly SealEvent[];
  eventChainHash: string | null;
}

interface Column {
  heading: string;
  /** Share of the usable width. */
  share: number;
  /** A detail may explain at length; the other cells are short by nature. */
  maxLines: number;
  cell: (event: SealEvent) => string;
}

const COLUMNS: readonly Column[] = [
  { heading: 'Time (UTC)', share: 0.19, maxLines: 2, cell: (event) => formatUtc(event.at).replace(/ UTC$/, '') },
  { heading: 'Event', share: 0.19, maxLines: 3, cell: (event) => event.type },
  { heading: 'Actor', share: 0.19, maxLines: 3, cell: (event) => event.actorName ?? '—' },
  { heading: 'IP address', share: 0.15, maxLines: 2, cell: (event) => event.ip ?? '—' },
  { heading: 'Detail', share: 0.28, maxLines: 8, cell: (event) => event.detail ?? '' },
];
const CELL_GAP = 6;
const ROW_PADDING = 4;

export function addAuditLogPages(doc: PDFDocument, fonts: DocumentFonts, content: AuditLogContent): void {
  const cellStyle: TextStyle = { font: fonts.regular, size: 7.5 };
  const headingStyle: TextStyle = { font: fonts.bold, size: 7.5 };
  const flow = new PageFlow(doc, fonts, { brand: content.brandName, section: 'Audit log' }, (next) =>
    headingRow(next, headingStyle),
  );
  flow.paragraph('Audit log', { font: fonts.bold, size: 18 });
  flow.moveDown(4);
  flow.paragraph(
    `${content.title} · ${content.contractId}`,
    { font: fonts.regular, size: 9, color: MUTED },
    { maxLines: 3 },
  );
  flow.moveDown(10);
  headingRow(flow, headingStyle);

  const widths = columnWidths(flow);
  for (const event of content.events) {
    const cells = COLUMNS.map((column, index) =>
      flow.lines(column.cell(event), cellStyle, widths[index], column.maxLines),
    );
    const height = Math.max(1, ...cells.map((lines) => lines.length)) * cellStyle.size * LINE_HEIGHT + ROW_PADDING;
    flow.ensure(height);
    const top = flow.cursor;
    let x = flow.left;
    cells.forEach((lines, index) => {
      lines.forEach((text, line) => flow.textAt(text, x, top - line * cellStyle.size * LINE_HEIGHT, cellStyle));
      x += widths[index] + CELL_GAP;
    });
    flow.moveDown(height);
  }
  if (content.events.length === 0) flow.paragraph('No events were recorded.', { ...cellStyle, color: MUTED });

  flow.rule(6);
  if (content.eventChainHash) {
    flow.paragraph('Event chain hash (SHA-256)', { font: fonts.bold, size: 8.5 });
    flow.paragraph(content.eventChainHash, { font: fonts.regular, size: 8.5 });
    flow.paragraph(
      'Each event is hashed together with the hash of the event before it; this is the last hash of the ' +
        'chain. Changing, removing or reordering any event gives a different value.',
      { font: fonts.regular, size: 7.5, color: MUTED },
    );
  }
  flow.finish(`${content.title} · ${content.contractId} · audit log`);
}

function columnWidths(flow: PageFlow): number[] {
  const available = flow.width - CELL_GAP * (COLUMNS.length - 1);
  return COLUMNS.map((column) => column.share * available);
}

function headingRow(flow: PageFlow, style: TextStyle): void {
  const widths = columnWidths(flow);
  const height = style.size * LINE_HEIGHT;
  flow.ensure(height + 8);
  const top = flow.cursor;
  let x = flow.left;
  COLUMNS.forEach((column, index) => {
    flow.textAt(column.heading, x, top, style);
    x += widths[index] + CELL_GAP;
  });
  flow.moveDown(height + 2);
  flow.page.drawLine({
    start: { x: flow.left, y: flow.cursor },
    end: { x: flow.left + flow.width, y: flow.cursor },
    thickness: 0.5,
    color: RULE,
  });
  flow.moveDown(4);
}
