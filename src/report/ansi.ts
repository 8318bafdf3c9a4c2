/**
 * The few terminal styles the text report uses, as SGR sequences. Written out rather than `util.styleText`, which
 * Node 20 only has from 20.12 and which checks the stream itself, while the CLI has already decided on colour.
 */
const SGR = {
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

export type Style = keyof typeof SGR;

export function ansi(style: Style, text: string): string {
  const [on, off] = SGR[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}
