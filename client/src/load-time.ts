// Imported first by extension.ts: the moment the extension's bundle starts to evaluate, so that
// activation is measured from the load of its code (the extension host's cost), not from activate().
export const LOADED_AT = performance.now();
