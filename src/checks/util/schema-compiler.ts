import { Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

export type Dialect = 'draft-07' | '2019-09' | '2020-12';

const dialectIds: Record<string, Dialect> = {
  'json-schema.org/draft-07/schema': 'draft-07',
  'json-schema.org/draft/2019-09/schema': '2019-09',
  'json-schema.org/draft/2020-12/schema': '2020-12',
};

/** The dialect a `$schema` declares; 2020-12 when none is declared (the MCP default); undefined when unsupported. */
export function dialectOf(schemaUri: unknown): Dialect | undefined {
  if (schemaUri === undefined) return '2020-12';
  if (typeof schemaUri !== 'string') return undefined;
  return dialectIds[schemaUri.trim().replace(/^https?:\/\//, '').replace(/#$/, '')];
}

// Real servers' schemas carry unknown keywords and formats: judge validity, not Ajv's strict-mode style rules.
const options: Options = { strict: false, validateFormats: false, logger: false };

// Constructed on first use, one per dialect: building an instance compiles its meta-schemas (milliseconds each).
const instances = new Map<Dialect, Ajv>();

function instanceFor(dialect: Dialect): Ajv {
  let ajv = instances.get(dialect);
  if (!ajv) {
    ajv = dialect === 'draft-07' ? new Ajv(options) : dialect === '2019-09' ? new Ajv2019(options) : new Ajv2020(options);
    instances.set(dialect, ajv);
  }
  return ajv;
}

export type CompileResult = { ok: true } | { ok: false; missingRef: boolean; message: string };

/** Compiles a schema in its dialect and forgets it again, so `$id`s of different tools never collide. */
export function compileSchema(schema: object, dialect: Dialect): CompileResult {
  const ajv = instanceFor(dialect);
  try {
    ajv.compile(schema);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, missingRef: typeof error === 'object' && error !== null && 'missingRef' in error, message };
  } finally {
    ajv.removeSchema(schema);
  }
}
