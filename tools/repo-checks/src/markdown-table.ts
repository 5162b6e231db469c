/** One body row of a markdown table, its cells keyed by the header's column names. */
export interface TableRow {
  /** 1-based line number in the document, for error messages. */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface MarkdownTable {
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
}

/** Splits `| a | b \| c |` into cells; `\|` is a literal bar inside a cell. */
function splitCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());
}

const isSeparator = (line: string): boolean => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line.trim());

/**
 * Every pipe table of a markdown document (outside fenced code blocks): a header line, a
 * separator line, then body lines until the first line that does not start with `|`.
 */
export function parseTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split('\n');
  const tables: MarkdownTable[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    if (fenced || !line.trimStart().startsWith('|') || !isSeparator(lines[i + 1] ?? '')) continue;
    const headers = splitCells(line);
    const rows: TableRow[] = [];
    let j = i + 2;
    for (; j < lines.length && (lines[j] ?? '').trimStart().startsWith('|'); j++) {
      const values = splitCells(lines[j] ?? '');
      rows.push({ line: j + 1, cells: Object.fromEntries(headers.map((h, k) => [h, values[k] ?? ''])) });
    }
    tables.push({ headers, rows });
    i = j - 1;
  }
  return tables;
}
