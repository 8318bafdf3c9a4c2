/**
 * Word wrapping for the terminal report. Widths count code points (a wide emoji or CJK character counts as one): close
 * enough for the text we print, and never wider than asked for ASCII.
 */

/** The width used when the output is not a terminal, or the terminal does not tell. */
export const DEFAULT_WIDTH = 100;
/** Narrower than this, wrapping would leave no room for the text: lines are wrapped at this width instead. */
const MIN_WIDTH = 40;

/** The width to wrap at: the terminal's columns when known, else `DEFAULT_WIDTH`. */
export function terminalWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : DEFAULT_WIDTH;
}

/**
 * `text` as lines of at most `width` characters: the first starts with `first`, the others with `rest`. Breaks at
 * spaces; a word longer than a line is cut.
 */
export function wrap(text: string, width: number, first: string, rest: string = first): string[] {
  const lines: string[] = [];
  let prefix = first;
  let line: string[] = [];
  let used = 0;
  const room = () => Math.max(10, width - length(prefix));
  const flush = () => {
    lines.push(prefix + line.join(''));
    prefix = rest;
    line = [];
    used = 0;
  };
  for (const word of text.split(' ')) {
    let chars = Array.from(word);
    if (used > 0 && used + 1 + chars.length > room()) flush();
    if (used > 0) {
      line.push(' ');
      used++;
    }
    while (used + chars.length > room()) {
      const take = room() - used;
      line.push(chars.slice(0, take).join(''));
      chars = chars.slice(take);
      flush();
    }
    line.push(chars.join(''));
    used += chars.length;
  }
  if (used > 0 || lines.length === 0) lines.push(prefix + line.join(''));
  return lines;
}

/** Visible length: our own colour codes in a prefix take no room (untrusted text reaches here with escapes shown). */
function length(text: string): number {
  return Array.from(text.replace(/\u001b\[[0-9;]*m/g, '')).length;
}
