import type { SuppressionVocabulary } from '../config/suppressions.js';
import type { Check, FileCheck } from '../model/check.js';
import { PROFILES } from '../profiles/index.js';
import { capabilities } from './capabilities.js';
import { clientCompat } from './client-compat.js';
import { commandPath } from './command-path.js';
import { configParse } from './config-parse.js';
import { configSchema } from './config-schema.js';
import { configVariables } from './config-variables.js';
import { handshake } from './handshake.js';
import { httpAuth } from './http-auth.js';
import { httpOrigin } from './http-origin.js';
import { httpProtocol } from './http-protocol.js';
import { httpReachable } from './http-reachable.js';
import { httpTransport } from './http-transport.js';
import { jsonrpc } from './jsonrpc.js';
import { protocolVersions } from './protocol-versions.js';
import { secrets } from './secrets.js';
import { shutdown } from './shutdown.js';
import { sideEffects } from './side-effects.js';
import { spawnCheck } from './spawn.js';
import { startupTime } from './startup-time.js';
import { staysAlive } from './stays-alive.js';
import { stdoutPurity } from './stdout-purity.js';
import { toolNames } from './tool-names.js';
import { toolSchemas } from './tool-schemas.js';
import { toolsList } from './tools-list.js';
import { windowsNpx } from './windows-npx.js';

/** Server checks in execution order: a check's prerequisites always come before it. */
export const serverChecks: readonly Check[] = [
  configSchema,
  configVariables,
  secrets,
  windowsNpx,
  commandPath,
  spawnCheck,
  httpReachable,
  httpTransport,
  httpAuth,
  handshake,
  stdoutPurity,
  jsonrpc,
  staysAlive,
  capabilities,
  toolsList,
  toolNames,
  toolSchemas,
  startupTime,
  protocolVersions,
  clientCompat,
  shutdown,
  sideEffects,
  httpProtocol,
  httpOrigin,
];

export const fileChecks: readonly FileCheck[] = [configParse];

/** What a suppression may name: a server check id (a config file that does not parse cannot be suppressed) and a client profile id. */
export const suppressionVocabulary: SuppressionVocabulary = {
  checks: serverChecks.map((check) => check.id),
  clients: PROFILES.map((profile) => profile.id),
};
