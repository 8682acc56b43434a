// CSV as French spreadsheets write it: `;` (or `,`/tab) separated, quoted fields with "" escapes,
// UTF-8 with or without BOM, or Windows-1252 (Excel's "CSV (séparateur : point-virgule)").

export type CsvRow = { line: number; cells: string[] };

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function detectSeparator(firstLine: string): string {
  const counts = [';', ',', '\t'].map((s) => ({ s, n: firstLine.split(s).length }));
  return counts.sort((a, b) => b.n - a.n)[0].s;
}

/** Rows with their 1-based line number in the file (a quoted field may span lines). */
export function parseCsv(text: string): { separator: string; rows: CsvRow[] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = detectSeparator(firstLine);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return { separator: sep, rows };
}

/** One CSV line, `;`-separated, quoting what needs it. */
export function toCsvLine(values: (string | number | null | undefined)[]): string {
  return values
    .map((v) => {
      const s = v === null || v === undefined ? '' : inert(String(v));
      return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(';');
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / CR before one) as a formula
 * ("CSV injection"): such a cell gets a leading apostrophe, which Excel and LibreOffice show as
 * text. Plain numbers ("-12,50") stay numbers.
 */
function inert(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+([.,]\d+)?$/.test(s) ? `'${s}` : s;
}
