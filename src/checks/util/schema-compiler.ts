import { createHash } from 'node:crypto';
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
  return dialectIds[
    schemaUri
      .trim()
      .replace(/^https?:\/\//, '')
      .replace(/#$/, '')
  ];
}

// Real servers' schemas carry unknown keywords and formats: judge validity, not Ajv's strict-mode style rules.
// Schemas are compiled only to learn whether they compile, never to validate data, so the generated code need not be
// fast: without inlining and optimizing, compiling (the meta-schemas first of all) takes about half the time.
const options: Options = { strict: false, validateFormats: false, logger: false, inlineRefs: false, code: { optimize: false } };

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

export type CompileResult =
  /** `compiled`: Ajv compiled it; `meta-schema`: past the compile budget, only validated against its dialect's meta-schema. */
  { ok: true; checkedBy: 'compiled' | 'meta-schema' } | { ok: false; missingRef: boolean; message: string };

/**
 * Distinct schemas one judge compiles. Compiling generates and evaluates code: about 0.4 ms and 30 KB each (measured
 * with Ajv 8 on Node 24), so a server listing 5000 distinct schemas would otherwise cost seconds and 150 MB. Past the
 * budget a schema is validated against its dialect's meta-schema, which reports the same invalid keywords (with the
 * same message) but not an unresolvable `$ref` or a bad regular expression.
 */
export const MAX_COMPILED_SCHEMAS = 500;

/**
 * Judges the schemas of one server. Identical schemas (servers often share one across their tools) are judged once;
 * the results are keyed by a digest, so that holding them costs little whatever the schemas' size.
 */
export class SchemaJudge {
  private readonly results = new Map<string, CompileResult>();
  private compiled = 0;

  constructor(private readonly maxCompiled = MAX_COMPILED_SCHEMAS) {}

  judge(schema: object, dialect: Dialect): CompileResult {
    const key = `${dialect} ${createHash('sha256').update(JSON.stringify(schema)).digest('base64')}`;
    let result = this.results.get(key);
    if (result === undefined) {
      result = this.compiled < this.maxCompiled ? compileSchema(schema, dialect) : validateAgainstMetaSchema(schema, dialect);
      if (this.compiled < this.maxCompiled) this.compiled++;
      this.results.set(key, result);
    }
    return result;
  }
}

/** Compiles a schema in its dialect and forgets it again, so `$id`s of different tools never collide. */
function compileSchema(schema: object, dialect: Dialect): CompileResult {
  const ajv = instanceFor(dialect);
  try {
    ajv.compile(schema);
    return { ok: true, checkedBy: 'compiled' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, missingRef: typeof error === 'object' && error !== null && 'missingRef' in error, message };
  } finally {
    ajv.removeSchema(schema);
  }
}

function validateAgainstMetaSchema(schema: object, dialect: Dialect): CompileResult {
  const ajv = instanceFor(dialect);
  // Worded as Ajv's compile() words the same problem.
  return ajv.validateSchema(schema) === true
    ? { ok: true, checkedBy: 'meta-schema' }
    : { ok: false, missingRef: false, message: `schema is invalid: ${ajv.errorsText(ajv.errors)}` };
}
