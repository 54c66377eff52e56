// The layout-neutral model of one Customer Analytics Report: what the PDF renderer draws.
//
// The analytics code decides what to say (sections, figures, tables); the renderer in pdf/
// decides how it looks. Nothing here names a peer: peers arrive already labelled
// ("Peer A", "Peer B", …) by the anonymiser.

/** A number or text in a table cell; null prints as an en dash (no data). */
export type Cell = string | number | null;

/** One column of a table. */
export interface TableColumn {
  readonly header: string;
  /** Numbers are right-aligned by default, text left-aligned. */
  readonly align?: 'left' | 'right';
}

/** One point of a bar chart: a bar `category`, split by `series` (side by side or stacked). */
export interface BarDatum {
  readonly category: string;
  readonly series: string;
  readonly value: number;
}

/** One point of a line chart over days (`x` is an ISO date, `YYYY-MM-DD`). */
export interface LineDatum {
  readonly x: string;
  readonly series: string;
  readonly value: number | null;
}

/** A shaded span on a line chart (a Category 1 or 2 incident), dates inclusive. */
export interface ChartBand {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** A block of content in a section. */
export type DocBlock =
  | {
      readonly kind: 'paragraph';
      readonly text: string;
      readonly tone?: 'normal' | 'note' | 'warning';
    }
  | {
      readonly kind: 'figures';
      /** Headline figures shown as a row of labelled values. */
      readonly items: readonly { readonly label: string; readonly value: string }[];
    }
  | {
      readonly kind: 'bar-chart';
      readonly title: string;
      readonly data: readonly BarDatum[];
      readonly xTitle: string;
      readonly yTitle: string;
      /** Stack the series in one bar per category instead of grouping them side by side. */
      readonly stacked?: boolean;
      /** Fixed y scale, e.g. [0, 100] for percentages. */
      readonly yDomain?: readonly [number, number];
    }
  | {
      readonly kind: 'line-chart';
      readonly title: string;
      readonly data: readonly LineDatum[];
      readonly yTitle: string;
      readonly bands?: readonly ChartBand[];
      readonly yDomain?: readonly [number, number];
    }
  | {
      readonly kind: 'table';
      readonly title?: string;
      readonly columns: readonly TableColumn[];
      readonly rows: readonly (readonly Cell[])[];
      /** Row indexes drawn highlighted (e.g. days inside an incident). */
      readonly highlight?: readonly number[];
      /** Printed under the table, e.g. "Showing 40 of 212 rows; all rows are in file X.csv". */
      readonly footnote?: string;
    };

/** A section of the report; one level of subsections is enough for the contents page. */
export interface DocSection {
  /** Stable anchor, unique within the document. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly DocBlock[];
  readonly subsections?: readonly DocSection[];
}

/** The whole report as the renderer sees it. */
export interface ReportDocument {
  /** Cover page title, e.g. "Customer Analytics Report". */
  readonly title: string;
  /** Cover page subtitle, e.g. "June 2023 · Import Supplier". */
  readonly subtitle: string;
  /** Further cover lines: recipient User ID, definitions version, generated time, … */
  readonly coverLines: readonly string[];
  /** Document metadata (PDF Info) */
  readonly author: string;
  readonly sections: readonly DocSection[];
}
