import { configVariables } from '../../src/checks/config-variables.js';
import type { VariableUse } from '../../src/model/spec.js';
import { testCheck } from './check-tester.js';
import { at, context } from './transcript-builder.js';

function use(patch: Partial<VariableUse>): VariableUse {
  return {
    expression: '${API_KEY}',
    name: 'API_KEY',
    kind: 'env',
    field: 'env',
    key: 'API_KEY',
    position: at(8, 20),
    resolved: true,
    usedDefault: false,
    ...patch,
  };
}

testCheck(configVariables, {
  valid: [
    { name: 'no variables', ctx: context(), status: 'pass', message: /uses no variables/ },
    {
      name: 'resolved variables, one from its default',
      ctx: context({
        server: (s) => void (s.variables = [use({}), use({ expression: '${PORT:-3000}', name: 'PORT', usedDefault: true })]),
      }),
      status: 'pass',
      message: /2 variables resolved \(1 from its default\)/,
    },
  ],
  invalid: [
    {
      name: 'an unset variable in Claude Code keeps its literal text',
      ctx: context({ server: (s) => void (s.variables = [use({ resolved: false })]) }),
      status: 'fail',
      message: [/\$\{API_KEY\} in env\.API_KEY is not set/, /literal text/, /\$\{API_KEY:-value\}/],
      position: { line: 8, column: 20 },
    },
    {
      name: 'an unset ${env:} variable in VS Code',
      ctx: context({
        server: (s) => {
          s.spec.client = 'vscode';
          s.variables = [use({ expression: '${env:TOKEN}', name: 'TOKEN', field: 'args', key: '2', resolved: false })];
        },
      }),
      status: 'fail',
      message: /\$\{env:TOKEN\} in args\.2 .*empty value/,
    },
    {
      name: 'an input variable needs a value',
      ctx: context({
        server: (s) => void (s.variables = [use({ expression: '${input:api-key}', name: 'api-key', kind: 'input', resolved: false })]),
      }),
      status: 'warn',
      message: [/cannot prompt/, /set MCP_PREFLIGHT_INPUT_API_KEY in the environment/],
    },
    {
      name: 'an unknown builtin',
      ctx: context({
        server: (s) =>
          void (s.variables = [
            use({ expression: '${workspaceRoot}', name: 'workspaceRoot', kind: 'builtin', field: 'cwd', key: undefined, resolved: false }),
          ]),
      }),
      status: 'fail',
      message: /\$\{workspaceRoot\} in cwd is not a variable this client knows/,
    },
  ],
});
