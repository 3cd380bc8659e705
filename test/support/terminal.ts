/**
 * What a terminal shows after receiving `output`: the rows of text, as a person would read them. Enough of
 * a VT100 for what readline and calma send (printable text with auto-wrap, CR, LF, cursor up/down/left/
 * right, column, erase to end of screen or line, styles ignored), so a test can assert the screen itself
 * rather than the escape sequences that drew it.
 */
export function renderScreen(output: string, columns = 80): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => {
    while (rows.length <= row) rows.push([]);
    return rows[row] as string[];
  };
  for (let i = 0; i < output.length; i++) {
    const ch = output[i] as string;
    if (ch === '\x1b' && output[i + 1] === '[') {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: reading escape sequences is the point.
      const match = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(output.slice(i));
      if (!match) continue;
      i += match[0].length - 1;
      const n = Number.parseInt(match[1] || '0', 10);
      const by = Math.max(n, 1);
      switch (match[2]) {
        case 'A':
          row = Math.max(0, row - by);
          break;
        case 'B':
          row += by;
          break;
        case 'C':
          col = Math.min(columns - 1, col + by);
          break;
        case 'D':
          col = Math.max(0, Math.min(col, columns - 1) - by);
          break;
        case 'G':
          col = by - 1;
          break;
        case 'J':
          if (n === 0) {
            line().length = Math.min(line().length, col);
            rows.length = row + 1;
          }
          break;
        case 'K':
          if (n === 0) line().length = Math.min(line().length, col);
          break;
        // Styles (m) and everything else change nothing a test reads.
      }
    } else if (ch === '\r') {
      col = 0;
    } else if (ch === '\n') {
      // A terminal's default output mode (onlcr) turns LF into CR LF.
      row += 1;
      col = 0;
      line();
    } else if (ch >= ' ') {
      // Deferred wrap, as xterm does: the cursor waits past the last column until the next character.
      if (col >= columns) {
        row += 1;
        col = 0;
      }
      const cells = line();
      while (cells.length < col) cells.push(' ');
      cells[col] = ch;
      col += 1;
    }
  }
  return rows.map((cells) => cells.join('').trimEnd());
}

/** Drops the escape sequences (styles, cursor moves): the text a terminal received, for `includes`. */
export function plainText(output: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping escape sequences is the point.
  return output.replace(/\x1b\[[?\d;]*[A-Za-z]/g, '');
}
