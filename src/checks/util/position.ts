import type { ServerSpec, SourcePosition } from '../../model/spec.js';

/** The position of a field of the entry (`command`, `args.1`, `env.API_KEY`…), else of the entry itself. */
export function fieldPosition(spec: ServerSpec, key: string): SourcePosition {
  return spec.fieldPositions[key] ?? spec.source;
}
