/** The launcher for a run's isolation: one per run, shared by the main probe and every extra session. */
import type { HiddenArea } from '../model/isolation.js';
import { DockerLauncher } from './docker-launcher.js';
import type { IsolationChoice } from './isolation.js';
import type { Launcher } from './launcher.js';
import { DEFAULT_TREE_LIMITS } from './process-tree.js';
import { SandboxLauncher, systemHostFacts } from './sandbox-launcher.js';

export interface LauncherContext {
  /** The runner's environment. */
  env: NodeJS.ProcessEnv;
  /** Absolute. */
  workspace: string;
  /** More paths the sandbox hides. */
  hide?: readonly HiddenArea[];
}

/** undefined for plain processes: each session then uses its own process launcher, with its own limits. */
export function createLauncher(choice: IsolationChoice, context: LauncherContext): Launcher | undefined {
  const { network, image } = choice.settings;
  if (choice.settings.effective === 'sandbox' && choice.sandbox) {
    return new SandboxLauncher({
      tooling: choice.sandbox,
      network,
      workspace: context.workspace,
      host: systemHostFacts(context.env, context.hide),
      // What a client effectively allows a descendant after the server exits, as for plain processes.
      leftoverGraceMs: DEFAULT_TREE_LIMITS.leftoverGraceMs,
    });
  }
  if (choice.settings.effective === 'docker' && choice.docker) {
    return new DockerLauncher({
      cli: choice.docker.cli,
      network,
      workspace: context.workspace,
      ...(image !== undefined && { image }),
      hostEnv: context.env,
    });
  }
  return undefined;
}
