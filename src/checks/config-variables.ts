import type { Check, CheckOutcome } from '../model/check.js';
import type { ClientId, VariableUse } from '../model/spec.js';
import { inputEnvName } from '../config/variables/vscode.js';
import { fail, pass, warn } from './util/outcome.js';
import { count, excerpt } from './util/text.js';

function where(v: VariableUse): string {
  return v.key === undefined ? v.field : `${v.field}.${v.key}`;
}

/** How to give the variable a value, in the syntax of the client that owns the file. */
function envFix(v: VariableUse, client: ClientId): string {
  const name = excerpt(v.name, 60);
  const inCi = `Set ${name} in the environment that runs the client (in CI: pass the secret or variable to this step as env)`;
  if (client === 'claude-code') return `${inCi}, or give it a default: \`\${${name}:-value}\`.`;
  return `${inCi}.`;
}

function judge(v: VariableUse, client: ClientId): CheckOutcome {
  const expr = excerpt(v.expression, 80);
  const at = `in ${where(v)}`;
  switch (v.kind) {
    case 'input':
      return warn(
        `${expr} ${at} asks the user for a value: VS Code prompts for it when it starts the server, but mcp-preflight ` +
          `cannot prompt, so the server was not launched. To probe it, set ${inputEnvName(v.name)} in the environment ` +
          '(in CI, from a secret).',
        { position: v.position },
      );
    case 'builtin':
      return fail(
        `${expr} ${at} is not a variable this client knows, so it stays unexpanded. Check the spelling (e.g. \${workspaceFolder}, \${userHome}).`,
        {
          position: v.position,
        },
      );
    case 'env':
      return fail(
        `${expr} ${at} is not set in the environment and has no default, so the server would get ` +
          `${client === 'claude-code' ? 'the literal text' : 'an empty value instead of'} "${expr}". ${envFix(v, client)}`,
        { position: v.position },
      );
  }
}

export const configVariables: Check = {
  id: 'config-variables',
  title: 'Every variable resolves',
  remediation:
    'Every `${VAR}` / `${env:VAR}` must have a value where the client runs: set it in the environment (in CI, from a ' +
    'secret), or give a default where the client supports one (`${VAR:-default}` in Claude Code).',
  requires: [],
  needsTranscript: false,
  run({ server }) {
    const unresolved = server.variables.filter((v) => !v.resolved);
    if (unresolved.length > 0) return unresolved.map((v) => judge(v, server.spec.client));
    if (server.variables.length === 0) return pass('The entry uses no variables.');
    const defaults = server.variables.filter((v) => v.usedDefault).length;
    return pass(
      `${count(server.variables.length, 'variable')} resolved` +
        (defaults > 0 ? ` (${defaults} from ${defaults === 1 ? 'its default' : 'their defaults'}).` : '.'),
    );
  },
};
