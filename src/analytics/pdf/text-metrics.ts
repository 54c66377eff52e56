// Helvetica text widths from PDFKit's font metrics, shared by the layout code and by Vega.
import PDFDocument from 'pdfkit';

/** Widths per 1000 units of font size for the Latin-1 range, one table per weight. */
interface WidthTables {
  readonly regular: Float64Array;
  readonly bold: Float64Array;
}

let tables: WidthTables | undefined;

function buildTables(): WidthTables {
  const doc = new PDFDocument({ autoFirstPage: false });
  const measure = (font: string): Float64Array => {
    doc.font(font).fontSize(1000);
    const widths = new Float64Array(256);
    const fallback = doc.widthOfString('n');
    for (let code = 0; code < 256; code++) {
      widths[code] = code < 32 ? 0 : doc.widthOfString(String.fromCharCode(code)) || fallback;
    }
    return widths;
  };
  return { regular: measure('Helvetica'), bold: measure('Helvetica-Bold') };
}

/** Width in points of `text` set in Helvetica (or Helvetica-Bold) at `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  tables ??= buildTables();
  const widths = bold ? tables.bold : tables.regular;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    total += code < 256 ? (widths[code] ?? 556) : 556;
  }
  return (total * size) / 1000;
}

/** A font size in points, and whether the text is bold. */
export interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
}

/** Cuts `text` to fit `width` points, ending it with an ellipsis when anything was cut. */
export function fitText(text: string, width: number, style: TextStyle): string {
  const { size, bold = false } = style;
  if (textWidth(text, size, bold) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(`${text.slice(0, mid)}…`, size, bold) <= width) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

/** Breaks `text` into lines no wider than `width` points, at spaces. */
export function wrapText(text: string, width: number, style: TextStyle): string[] {
  const { size, bold = false } = style;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, size, bold) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
