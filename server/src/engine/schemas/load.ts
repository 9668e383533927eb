// The JSON Schemas of the Logtail configs in /schemas, bundled into the engine (no file access at
// run time) and compiled once, lazily, with ajv.
import Ajv, { type ValidateFunction } from 'ajv';
import legacy from '../../../../schemas/logtail-config.schema.json';
import startup from '../../../../schemas/startup-config.schema.json';
import pipeline from '../../../../schemas/pipeline-config.schema.json';
import aliyunlogconfig from '../../../../schemas/aliyunlogconfig.schema.json';
import clusterpipeline from '../../../../schemas/clusteraliyunpipelineconfig.schema.json';
import type { ConfigKind } from '../model/logtail';

export type JsonSchema = Record<string, unknown>;

/** The raw schema of each config kind (keys as in `ConfigKind`). */
export const SCHEMAS: Record<ConfigKind, JsonSchema> = {
  legacy: legacy as JsonSchema,
  startup: startup as JsonSchema,
  pipeline: pipeline as JsonSchema,
  aliyunlogconfig: aliyunlogconfig as JsonSchema,
  clusterpipeline: clusterpipeline as JsonSchema,
};

/** Schemas by `$id`, to resolve cross-file `$ref`s such as `logtail-config.schema.json#/definitions/inputDetail`. */
export const SCHEMAS_BY_ID: Record<string, JsonSchema> = Object.fromEntries(Object.values(SCHEMAS).map((s) => [String(s.$id), s]));

let ajv: Ajv | undefined;
const compiled = new Map<ConfigKind, ValidateFunction>();

export function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    for (const s of Object.values(SCHEMAS)) ajv.addSchema(s);
  }
  return ajv;
}

/** The compiled validator of a config kind (compiled on first use, then cached). */
export function validatorFor(kind: ConfigKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    v = getAjv().getSchema(String(SCHEMAS[kind].$id))!;
    compiled.set(kind, v);
  }
  return v;
}
