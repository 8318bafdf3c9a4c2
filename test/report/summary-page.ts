// The job summary as GitHub shows it, closely enough for a browser test: our HTML inside a page styled with the rules
// of GitHub's markdown CSS that decide the layout (tables sized to content and scrolled, `overflow-wrap: break-word`,
// code spans that wrap, pre blocks that scroll), and a probe script that measures the rendered structure into the DOM
// (GitHub strips scripts from a summary; the probe is the test's, not part of what we emit).
import { execa } from 'execa';

const githubCss = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; max-width: 1012px; margin: 0 auto; padding: 32px; color: #1f2328;
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Noto Color Emoji";
  font-size: 14px; line-height: 1.5; overflow-wrap: break-word; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 24px 0 16px; }
p, table, pre, details { margin: 0 0 16px; }
table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th { font-weight: 600; }
td, th { padding: 6px 13px; border: 1px solid #d1d9e0; }
tr { background: #fff; border-top: 1px solid #d1d9e0b3; }
tr:nth-child(2n) { background: #f6f8fa; }
code { padding: .2em .4em; margin: 0; font-size: 85%; white-space: break-spaces; background: #818b981f; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
pre { padding: 16px; overflow: auto; font-size: 85%; line-height: 1.45; background: #f6f8fa; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; word-wrap: normal; }
sub { font-size: 75%; }
a { color: #0969da; text-decoration: none; }
summary { cursor: pointer; }
`;

/** The block the still picture shows open: the first failing server with checks it prevented (the richest block). */
const openShown = `(([...document.querySelectorAll('details')].find((d) => d.textContent.includes('not run:')) ?? {}).open = true);`;

/** Measures what a reviewer sees and writes it as JSON into #probe (read back through --dump-dom). */
const probe = `
const main = document.querySelector('.markdown-body > table');
const cells = (row) => [...row.children].map((c) => c.innerText.trim());
const result = {
  height: Math.ceil(document.documentElement.scrollHeight),
  headline: document.querySelector('h2')?.innerText ?? '',
  head: main ? cells(main.querySelector('thead tr')) : [],
  rows: main ? [...main.querySelectorAll('tbody tr')].map(cells) : [],
  text: document.querySelector('.markdown-body').innerText,
  // A check id in code that is laid out on more than one line box broke inside the word.
  brokenIds: [...document.querySelectorAll('code')]
    .filter((c) => /^[a-z]+(-[a-z]+)+$/.test(c.textContent.replace(/\\u2060/g, '')) && c.getClientRects().length > 1)
    .map((c) => c.textContent),
  codeSpans: [...document.querySelectorAll('.markdown-body code')].map((c) => c.textContent),
  // A pre wider than its box would scroll sideways.
  scrollingPre: [...document.querySelectorAll('details')].flatMap((d) => {
    d.open = true;
    return [...d.querySelectorAll('pre')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent.slice(0, 80));
  }),
  details: [...document.querySelectorAll('details')].map((d) => d.innerText),
};
document.querySelectorAll('details').forEach((d) => { d.open = false; });
${openShown}
result.stillHeight = Math.ceil(document.documentElement.scrollHeight);
document.getElementById('probe').textContent = JSON.stringify(result).replace(/</g, '\\u003c');
`;

/** The page; `probe: false` for the still picture, with one failing server's block opened as a reader would. */
export function summaryPage(summaryHtml: string, options: { probe?: boolean } = {}): string {
  const script =
    options.probe === false
      ? `<script>${openShown}</script>`
      : `<script id="probe" type="application/json"></script><script>${probe}</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${githubCss}</style></head><body><article class="markdown-body">
${summaryHtml}
</article>${script}</body></html>`;
}

export interface SummaryProbe {
  height: number;
  /** The height with the still picture's block open. */
  stillHeight: number;
  headline: string;
  head: string[];
  rows: string[][];
  text: string;
  brokenIds: string[];
  codeSpans: string[];
  scrollingPre: string[];
  details: string[];
}

/** The Chromium binary from Debian's package, if installed. */
export async function findChromium(): Promise<string | undefined> {
  for (const name of ['chromium', 'chromium-browser']) {
    const found = await execa('sh', ['-c', `command -v ${name}`], { reject: false });
    if (found.exitCode === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-dev-shm-usage'];

export async function probeInChromium(chromium: string, pageFile: string, width: number): Promise<SummaryProbe> {
  const { stdout } = await execa(
    chromium,
    [...flags, `--window-size=${width},1000`, '--virtual-time-budget=2000', '--dump-dom', `file://${pageFile}`],
    { timeout: 60_000 },
  );
  const json = /<script id="probe" type="application\/json">([\s\S]*?)<\/script>/.exec(stdout)?.[1];
  if (!json) throw new Error(`no probe result in Chromium's DOM:\n${stdout.slice(0, 500)}`);
  return JSON.parse(json) as SummaryProbe;
}

export async function screenshotInChromium(chromium: string, pageFile: string, out: string, width: number, height: number) {
  await execa(chromium, [...flags, `--window-size=${width},${height}`, `--screenshot=${out}`, `file://${pageFile}`], {
    timeout: 60_000,
  });
}
