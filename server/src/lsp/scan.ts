import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bounds of the workspace scan that feeds cross-file facts (PVCs, volumes, collectors). */
export const SCAN_LIMITS = { files: 2000, bytesPerFile: 1024 * 1024, depth: 8 };
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', 'vendor']);

/** Read every YAML/JSON file of the workspace folders (bounded), yielding to the event loop between files. */
export async function scanWorkspace(folderUris: string[], onFile: (uri: string, text: string) => void): Promise<number> {
  let count = 0;
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > SCAN_LIMITS.depth || count >= SCAN_LIMITS.files) return;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (count >= SCAN_LIMITS.files) return;
      const p = join(dir, name);
      let st;
      try {
        st = await stat(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP.has(name) && !name.startsWith('.')) await visit(p, depth + 1);
      } else if (/\.(ya?ml|json)$/i.test(name) && st.size <= SCAN_LIMITS.bytesPerFile) {
        try {
          onFile(pathToFileURL(p).toString(), await readFile(p, 'utf8'));
          count++;
        } catch {
          /* unreadable file: skip */
        }
      }
    }
  };
  for (const f of folderUris) {
    if (!f.startsWith('file:')) continue;
    await visit(fileURLToPath(f), 0);
  }
  return count;
}
