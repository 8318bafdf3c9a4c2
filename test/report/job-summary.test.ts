import { describe, expect, it } from 'vitest';
import { JOB_SUMMARY_LIMIT_BYTES, renderJobSummary } from '../../src/report/job-summary.js';
import { escapeHtml, escapePre, truncate } from '../../src/report/markdown-escape.js';
import { check, config, hostile, report, server } from '../action/fixtures/report.js';

const docs = { serverUrl: 'https://github.com', repository: 'acme/mcp-preflight', ref: 'v1' };

/** The text a reader sees: tags removed, entities decoded (what GitHub's sanitizer leaves to the browser). */
function visibleText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&(lt|gt|amp|quot|nbsp);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', nbsp: ' ' })[e] ?? '')
    .replace(/\u2060/g, '');
}

describe('renderJobSummary', () => {
  const healthy = server('memory', [check('spawn', 'pass'), check('handshake', 'pass')], {
    tools: [{ name: 'a' }, { name: 'b' }],
    startupMs: 250,
  });
  const broken = server(
    'github',
    [check('spawn', 'fail', { message: 'spawn npx ENOENT' }), check('shutdown', 'warn'), check('handshake', 'skip')],
    {
      startupMs: null,
      capabilities: null,
      tools: [],
      stderrTail: ['line 1', 'Error: Cannot find module'],
    },
  );

  it('has a headline with the counts, duration and runner OS', () => {
    const html = renderJobSummary(report([healthy, broken]), { docs });
    expect(html).toContain('<h2>❌ mcp-preflight: 1 of 2 MCP servers failed</h2>');
    expect(visibleText(html)).toContain('2 servers in 1 config file: 1 passed, 0 warned, 1 failed · 2.3 s · Linux x64, Node v24.0.0');
  });

  it('says so when every server passed', () => {
    expect(renderJobSummary(report([healthy]))).toContain('<h2>✅ mcp-preflight: all 1 MCP server passed</h2>');
  });

  it('has one table row per server: status, startup time, tools, the first failure with its reason, the warnings', () => {
    const html = renderJobSummary(report([healthy, broken]), { docs });
    const rows = html.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0].match(/<tr>.*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    const cells = (row: string) => (row.match(/<td>.*?<\/td>/g) ?? []).map(visibleText);
    expect(cells(rows[0] ?? '')).toEqual(['memory\n.mcp.json:3', '✅ passed', '250 ms', '2', '—', '—']);
    expect(cells(rows[1] ?? '')).toEqual(['github\n.mcp.json:3', '❌ failed', '—', '—', 'spawn: spawn npx ENOENT', 'shutdown']);
  });

  it('says why no client column fails beside a failed status (a launch failure the clients avoid)', () => {
    const s = server('s', [check('spawn', 'fail', { message: 'It exited.' })], {
      clients: { 'claude-code': { status: 'works' } },
    });
    const html = renderJobSummary(report([s]));
    expect(visibleText(html)).toContain('spawn: It exited.\nnot in the client above: it starts the server its own way');
    const failing = server('f', [check('spawn', 'fail')], { clients: { 'claude-code': { status: 'fails', reason: 'x' } } });
    expect(renderJobSummary(report([failing]))).not.toContain('own way');
  });

  it("names the other failed checks under the first one's reason, and counts suppressed findings", () => {
    const s = server('s', [
      check('spawn', 'fail', { message: 'It exited. Then more was said.' }),
      check('secrets', 'fail'),
      check('tool-names', 'fail', { suppressed: { reason: 'known', source: '.mcp-preflight.yml' } }),
    ]);
    const row = renderJobSummary(report([s])).match(/<tbody>[\s\S]*?<\/tbody>/)?.[0] ?? '';
    expect(visibleText(row)).toContain('spawn: It exited.\nalso secrets');
    expect(visibleText(row)).not.toContain('Then more');
    expect(visibleText(row)).toContain('🔕 1 suppressed');
  });

  it('makes the selected clients columns of the main table, with no table of its own', () => {
    const s = server('s', [check('spawn', 'pass')], {
      clients: { 'claude-code': { status: 'works' }, cursor: { status: 'fails', reason: 'x' } },
    });
    const html = renderJobSummary(report([s]));
    expect(html).toContain('<th>Status</th><th>Claude Code</th><th>Cursor</th><th>Startup</th>');
    expect(html).toMatch(/<td>✅&nbsp;passed<\/td><td>✅<\/td><td>❌<\/td>/);
    expect(html).not.toContain('<h3>Clients</h3>');
  });

  it('has a collapsible block per server with every check, a docs link and the last stderr lines', () => {
    const html = renderJobSummary(report([healthy, broken]), { docs });
    const details = html.match(/<details>.*?<\/details>/g) ?? [];
    expect(details).toHaveLength(2);
    const block = details[1] ?? '';
    expect(block).toContain('<summary>❌ <code>github</code> · .mcp.json:3 · 1 failed, 1 warning</summary>');
    for (const id of ['spawn', 'shutdown']) {
      expect(block).toContain(`<a href="https://github.com/acme/mcp-preflight/blob/v1/docs/checks/${id}.md"><code>${id}</code></a>`);
    }
    expect(block).toContain('<b>Fix:</b> fix spawn');
    // Stderr once, inside the failing check.
    expect(block).toContain('fix spawn<br>Last 2 stderr lines:<pre>line 1&#10;Error: Cannot find module</pre></td>');
    expect(block.match(/Cannot find module/g)).toHaveLength(1);
    expect(visibleText(block)).toContain('⏭️ 1 check not run: handshake: skip');
    expect(visibleText(details[0] ?? '')).toContain('✅ 2 checks passed: spawn handshake');
  });

  it('collapses the checks a failure prevented into one line per cause', () => {
    const skipped = ['handshake', 'jsonrpc', 'tools-list'].map((id, i) =>
      check(id, 'skip', {
        message: i === 0 ? 'Skipped because "spawn" failed.' : 'Skipped because "spawn" failed (needed by "handshake").',
      }),
    );
    const html = renderJobSummary(report([server('s', [check('spawn', 'fail'), ...skipped])]));
    expect(visibleText(html)).toContain('⏭️ 3 checks not run: "spawn" failed\nhandshake jsonrpc tools-list');
  });

  it('says each fix once: no general remediation when the message gives its own', () => {
    const s = server('s', [check('stdout-purity', 'fail', { message: 'Bad line. Fix: log to stderr.', remediation: 'General advice.' })]);
    const html = renderJobSummary(report([s]));
    expect(html).not.toContain('General advice.');
  });

  it('renders our own code spans as code and escapes what they hold', () => {
    const s = server('s', [check('spawn', 'fail', { message: 'Run `npm ci` then `<b>` and a lone ` tick', remediation: 'Use `node`.' })]);
    const html = renderJobSummary(report([s]));
    expect(html).toContain('Run <code>npm ci</code> then <code>&lt;b&gt;</code> and a lone &#96; tick');
    expect(html).toContain('<b>Fix:</b> Use <code>node</code>.');
  });

  it('cuts long stderr and evidence lines to fit instead of scrolling', () => {
    const long = `stderr: ${'x'.repeat(250)}`;
    const html = renderJobSummary(report([server('s', [check('spawn', 'fail', { evidence: [long] })])]));
    const pre = /<pre>(.*?)<\/pre>/.exec(html)?.[1] ?? '';
    const lines = pre.split('&#10;');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => Array.from(l).length <= 100)).toBe(true);
    expect(lines[1]?.startsWith('↪ ')).toBe(true);
  });

  it('keeps check ids and server names whole: no break at their hyphens', () => {
    const html = renderJobSummary(report([server('my-server', [check('stdout-purity', 'fail')])]));
    expect(html).toContain('<code>stdout-&#8288;purity</code>');
    expect(html).toContain('<code>my-&#8288;server</code>');
  });

  it("shows a check's line only when it is not the server's own", () => {
    const s = server('s', [check('secrets', 'fail', { line: 8, column: 12 }), check('spawn', 'fail', { line: 3, column: 5 })]);
    const html = renderJobSummary(report([s]));
    expect(html).toContain('<code>secrets</code></a> <sub>line 8:12</sub>');
    expect(html).toContain('<code>spawn</code></a></td>');
  });

  it('says a cancelled run is partial, and shows the servers it did not check as skipped', () => {
    const notChecked = server(
      'late',
      [check('spawn', 'skip', { message: 'the run was cancelled (SIGINT) before this server was checked' })],
      {
        status: 'skip',
        cancelled: true,
      },
    );
    const html = renderJobSummary({ ...report([healthy, notChecked]), cancelled: { signal: 'SIGINT' } });
    expect(html).toContain('<h2>⏹️ mcp-preflight: Cancelled by SIGINT: 1 of 2 servers not checked; this report is partial.</h2>');
    expect(html).toMatch(/<code>late<\/code><br><sub>\.mcp\.json:3<\/sub><\/td><td>⏭️&nbsp;skipped<\/td>/);
    expect(visibleText(html)).toContain('1 check not run: the run was cancelled (SIGINT) before this server was checked');
  });

  it('lists unreadable config files with line and column', () => {
    const bad = config('.vscode/mcp.json', {
      error: { message: 'Expected comma', line: 4, column: 9 },
      checks: [check('config-parse', 'fail', { message: 'Expected comma', line: 4, column: 9 })],
    });
    const html = renderJobSummary(report([], [bad]), { docs });
    expect(html).toContain('<h2>❌ mcp-preflight: 1 config file could not be read</h2>');
    expect(visibleText(html)).toContain('.vscode/mcp.json:4:9 config-parse: Expected comma');
  });

  it('never contains a blank line, so the whole summary stays one HTML block', () => {
    const s = server(hostile.blankLine, [check('spawn', 'fail', { message: hostile.blankLine, evidence: [hostile.blankLine] })], {
      stderrTail: [hostile.blankLine],
    });
    expect(renderJobSummary(report([s]))).not.toMatch(/\n\s*\n/);
  });

  it.each(Object.entries(hostile))('neutralises hostile text (%s) in every untrusted field', (_, text) => {
    const s = server(text, [check('tool-names', 'fail', { message: text, evidence: [text], remediation: text })], {
      stderrTail: [text],
      tools: [{ name: text }],
      config: text,
    });
    const html = renderJobSummary(report([s], [config(text)]), { docs });
    // Only the tags the renderer writes itself may appear.
    const tags = new Set(html.match(/<\/?([a-z0-9]+)/g)?.map((t) => t.replace(/[</]/g, '')));
    expect([...tags].sort()).toEqual(
      ['a', 'b', 'br', 'code', 'details', 'h2', 'p', 'pre', 'sub', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr'].sort(),
    );
    expect(html).not.toMatch(/<script|javascript:alert\(1\)\)|\]\(|```|\| b|@octocat|#1\b/);
    // …while the reader still sees what the server sent (mentions and references broken by a zero-width space).
    const visible = visibleText(html).replace(/\u200b/g, '');
    for (const line of text.split('\n').filter(Boolean)) expect(visible).toContain(line);
  });

  it('stays under the 1 MiB limit for a huge report and says what it left out', () => {
    const big = 'x'.repeat(3000);
    const servers = Array.from({ length: 2000 }, (_, i) =>
      server(`server-${i}`, [check('stdout-purity', 'fail', { message: big, evidence: Array(50).fill(big) })], {
        stderrTail: Array(100).fill(big),
      }),
    );
    const html = renderJobSummary(report(servers));
    const size = Buffer.byteLength(html);
    expect(size).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT_BYTES);
    expect(size).toBeGreaterThan(JOB_SUMMARY_LIMIT_BYTES / 2);
    expect(html).toMatch(/the details of \d+ of 2000 servers left out to stay under GitHub&#39;s 1 MiB job summary limit/);
    expect(html.trimEnd().endsWith('</em></p>')).toBe(true);
  });

  it('drops table rows, with a note, when even the table does not fit', () => {
    const servers = Array.from({ length: 500 }, (_, i) => server(`s${i}`, [check('spawn', 'fail')]));
    const html = renderJobSummary(report(servers), { maxBytes: 20_000 });
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(20_000);
    expect(html).toMatch(/\d+ of 500 table rows left out/);
    expect(html).toContain('</tbody></table>');
  });

  it('ends with the footer when one is given, inside the budget', () => {
    const html = renderJobSummary(report([healthy]), { maxBytes: 60_000, footer: '<p>run</p>' });
    expect(html.trimEnd().endsWith('<p>run</p>')).toBe(true);
  });
});

describe('markdown-escape', () => {
  it('escapes HTML and markdown syntax and breaks mentions', () => {
    expect(escapeHtml('<b>|`[x](y)`|</b> @me #2')).toBe(
      '&lt;b&gt;&#124;&#96;&#91;x&#93;&#40;y&#41;&#96;&#124;&lt;/b&gt; @&#8203;me #&#8203;2',
    );
  });

  it('shows terminal escapes, control characters and bidi overrides as escapes', () => {
    expect(escapeHtml('\u001b[31mred\u001b[0m\u0000 \u202eevil')).toBe('&#92;x1b&#91;31mred&#92;x1b&#91;0m&#92;x00 &#92;u202eevil');
  });

  it('keeps a <pre> on one source line, one entry per line (a line break inside an entry is shown)', () => {
    expect(escapePre(['a\nb', 'c'])).toBe('a&#92;nb&#10;c');
  });

  it('truncates by code points and says how much was cut', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀😀… (1 more characters)');
    expect(truncate('short', 10)).toBe('short');
  });
});
