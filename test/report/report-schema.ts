// docs/report.schema.json compiled as a consumer would: Ajv in strict mode, with a date-time format.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schemaFile = path.resolve(fileURLToPath(import.meta.url), '../../../docs/report.schema.json');
const dateTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

export async function reportSchema(): Promise<{ $id: string }> {
  return JSON.parse(await readFile(schemaFile, 'utf8')) as { $id: string };
}

/** Validates a report against the schema; the errors as JSON, or undefined when it is valid. */
export async function schemaErrors(report: unknown): Promise<string | undefined> {
  const validate = new Ajv2020({ strict: true }).addFormat('date-time', dateTime).compile(await reportSchema());
  return validate(report) ? undefined : JSON.stringify(validate.errors);
}
