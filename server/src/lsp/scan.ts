import { fileURLToPath, pathToFileURL } from 'node:url';
import { walkFilesAsync } from '../host/walk';

/** Bounds of the workspace scan that feeds cross-file facts (PVCs, volumes, collectors). */
export const SCAN_LIMITS = { files: 2000, bytesPerFile: 1024 * 1024, depth: 8 };

/**
 * Read every YAML/JSON file of the workspace folders (bounded) with the walker the CLI uses
 * (server/src/host/walk.ts: same skip list, no symlink out of a folder, regular files only),
 * yielding to the event loop between batches of files. `ignored`: a project configuration's
 * `ignorePaths`.
 */
export async function scanWorkspace(folderUris: string[], onFile: (uri: string, text: string) => void, ignored?: (path: string) => boolean): Promise<number> {
  const roots = folderUris.filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f));
  let count = 0;
  await walkFilesAsync(roots, { maxFiles: SCAN_LIMITS.files, maxDepth: SCAN_LIMITS.depth, maxChars: SCAN_LIMITS.bytesPerFile, ignored: ignored && ((p, dir) => !dir && ignored(p)) }, (e) => {
    if (e.kind !== 'file') return;
    onFile(pathToFileURL(e.path).toString(), e.text);
    count++;
  });
  return count;
}
