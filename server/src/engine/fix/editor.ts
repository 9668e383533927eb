// The edit builder lives in edit/ (below the model, which hands each Logtail config its editor);
// this module re-exports it for the fix recipes and rules that import it from here.
export * from '../edit/editor';
