// The schemas module, split by job: loading (load.ts, kubernetes.ts), validation (validate.ts),
// mapping ajv errors to exact ranges and messages (errors.ts), and fix proposals (fixes.ts).
export * from './load';
export * from './kubernetes';
export * from './errors';
export * from './validate';
export * from './fixes';
