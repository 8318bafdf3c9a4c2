/**
 * Untrusted text (server output, config values) made safe to print on a terminal or a CI log:
 * no terminal escape sequences or control characters, and nothing a CI runner would read as a command.
 */

// ESC sequences (CSI, OSC…) and the other C0/C1 controls except tab.
// eslint-disable-next-line no-control-regex
const controls = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripControls(text: string): string {
  return text.replace(controls, '');
}

/**
 * One printable line: controls removed, and runner command markers broken up. GitHub reads `::cmd::` at the start of a
 * line (after leading spaces) and the legacy `##[cmd]` anywhere; a zero-width space between the marker characters keeps
 * the text readable but inert.
 */
export function inertLine(text: string): string {
  return stripControls(text).replace(/::/g, ':\u200b:').replace(/##\[/g, '#\u200b#[');
}
