// npm run schemas:k8s — generates the Kubernetes JSON Schemas of schemas/kubernetes/<version>/
// from the locked devDependency `kubernetes-models` (TypeScript declarations generated from the
// OpenAPI document of the Kubernetes release, with its official descriptions and enums) with
// `ts-json-schema-generator`. Offline: it reads node_modules only. See schemas/kubernetes/README.md.
//
// Post-processing (the only places where the output differs from the generator's):
// - `Quantity` becomes `{ type: [string, number], x-kubernetes-quantity: true }`; the engine checks
//   the text against its quantity grammar (server/src/engine/model/quantity.ts);
// - `IntOrString` becomes `{ type: [string, integer], x-kubernetes-int-or-string: true }`;
// - every schema gets `$id`, and `x-kubernetes-group-version-kind`.
import { createGenerator } from 'ts-json-schema-generator';
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/** The Kubernetes release kubernetes-models was generated from (its CHANGELOG: "Update to Kubernetes v1.36.0"). */
const KUBERNETES = { 'kubernetes-models': { '5.1.0': '1.36.0' } };
const modelsVersion = pkgVersion('kubernetes-models');
const generatorVersion = pkgVersion('ts-json-schema-generator');
const k8sVersion = KUBERNETES['kubernetes-models'][modelsVersion];
if (!k8sVersion) throw new Error(`kubernetes-models ${modelsVersion}: add its Kubernetes version to KUBERNETES in ${import.meta.url}`);
const dirVersion = 'v' + k8sVersion.split('.').slice(0, 2).join('.');

/** [apiVersion, kind, module path under kubernetes-models]. */
const KINDS = [
  ['v1', 'Pod', 'v1/Pod'],
  ['v1', 'PodTemplate', 'v1/PodTemplate'],
  ['v1', 'ReplicationController', 'v1/ReplicationController'],
  ['apps/v1', 'Deployment', 'apps/v1/Deployment'],
  ['apps/v1', 'ReplicaSet', 'apps/v1/ReplicaSet'],
  ['apps/v1', 'StatefulSet', 'apps/v1/StatefulSet'],
  ['apps/v1', 'DaemonSet', 'apps/v1/DaemonSet'],
  ['batch/v1', 'Job', 'batch/v1/Job'],
  ['batch/v1', 'CronJob', 'batch/v1/CronJob'],
  ['v1', 'PersistentVolumeClaim', 'v1/PersistentVolumeClaim'],
  ['v1', 'PersistentVolume', 'v1/PersistentVolume'],
  ['storage.k8s.io/v1', 'StorageClass', 'storage.k8s.io/v1/StorageClass'],
  ['v1', 'ConfigMap', 'v1/ConfigMap'],
  ['v1', 'Service', 'v1/Service'],
];

const outDir = join(root, 'schemas', 'kubernetes', dirVersion);
const tsconfig = join(root, 'scripts', 'tsconfig.k8s-schemas.json');

function postProcess(defs) {
  for (const [name, def] of Object.entries(defs)) {
    if (name === 'IQuantity') {
      defs[name] = { type: ['string', 'number'], 'x-kubernetes-quantity': true, description: def.description ?? QUANTITY_DESCRIPTION };
    } else if (name === 'IIntOrString') {
      defs[name] = { type: ['string', 'integer'], 'x-kubernetes-int-or-string': true, description: def.description };
    }
  }
  return defs;
}

// The description of resource.Quantity (the declaration of `IQuantity` carries none).
const QUANTITY_DESCRIPTION =
  'Quantity is a fixed-point representation of a number: <signedNumber><suffix>, where the suffix is a binary SI suffix (Ki | Mi | Gi | Ti | Pi | Ei), a decimal SI suffix (n | u | m | "" | k | M | G | T | P | E) or a decimal exponent (e<signedNumber> | E<signedNumber>). Examples: 512Mi, 1G, 1e9, 0.5, 100m.';

if (existsSync(outDir)) rmSync(outDir, { recursive: true });
mkdirSync(outDir, { recursive: true });
const index = {
  kubernetes: k8sVersion,
  source: `kubernetes-models@${modelsVersion}`,
  generator: `ts-json-schema-generator@${generatorVersion}`,
  command: 'npm run schemas:k8s',
  kinds: {},
};
// One file of definitions shared by every kind (they share most of them: the pod spec alone is
// ~100 definitions), with each kind's top-level definition named in index.json.
const all = {};
for (const [apiVersion, kind, mod] of KINDS) {
  const path = join(root, 'node_modules', 'kubernetes-models', `${mod}.d.ts`);
  const type = `I${kind}`;
  const gen = createGenerator({ path, type, tsconfig, skipTypeCheck: true, expose: 'all', topRef: true, jsDoc: 'extended', additionalProperties: false, sortProps: true });
  const schema = gen.createSchema(type);
  const defs = postProcess(schema.definitions);
  for (const [name, def] of Object.entries(defs)) {
    if (name in all && JSON.stringify(all[name]) !== JSON.stringify(def)) throw new Error(`two different definitions named ${name} (${kind})`);
    all[name] = def;
  }
  index.kinds[`${apiVersion}/${kind}`] = type;
  console.log(`${apiVersion}/${kind}`.padEnd(40), `${Object.keys(defs).length} definitions`);
}
const definitions = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `kubernetes/${dirVersion}/definitions.json`,
  description: `Kubernetes ${k8sVersion} objects, generated by ${index.generator} from ${index.source}. Do not edit: npm run schemas:k8s.`,
  definitions: Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(join(outDir, 'definitions.json'), JSON.stringify(definitions) + '\n');
writeFileSync(join(outDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
console.log(`schemas/kubernetes/${dirVersion}: Kubernetes ${k8sVersion} from ${index.source} with ${index.generator}; ${Object.keys(all).length} definitions, ${(JSON.stringify(definitions).length / 1024).toFixed(0)} KiB`);
