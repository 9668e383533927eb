// A large document is linted in the lint worker (lsp/worker.ts), which reads the files of the
// workspace scan again itself: its first lint must wait until it has read them (it ran before and
// reported the claims of those files missing), and it must see the open documents' unsaved texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startWorkspaceSession, eventually } from './helpers/lsp-workspace';

const claim = (name: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: 1Gi
`;

const deployment = (i: number, claimName: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
      volumes:
      - name: logs
        persistentVolumeClaim:
          claimName: ${claimName}
`;

test('the first lint of a large document in the worker sees the scanned files and the open documents', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logtail-lint-prestart-'));
  writeFileSync(join(dir, 'storage.yaml'), claim('disk-claim'));
  // on disk without the claim; the open (unsaved) text defines it
  writeFileSync(join(dir, 'open.yaml'), deployment(0, 'disk-claim'));
  const s = await startWorkspaceSession({ folders: [pathToFileURL(dir).toString()] });
  try {
    const open = pathToFileURL(join(dir, 'open.yaml')).toString();
    await s.open(open, `${deployment(0, 'disk-claim')}---\n${claim('unsaved-claim')}`);
    // the scan of the folder ends with a refresh
    await eventually(async () => s.refreshes.diagnostics, (n) => n > 0);
    assert.ok(!(await s.pull(open)).some((d) => d.code === 'k8s/pvc-not-found'), 'the small document sees storage.yaml');

    const parts: string[] = [deployment(1, 'disk-claim'), deployment(2, 'unsaved-claim'), deployment(3, 'no-such-volume-claim')];
    for (let i = 4, n = 0; n < 1024 * 1024 + 1000; i++) {
      const d = deployment(i, i % 2 ? 'disk-claim' : 'unsaved-claim');
      parts.push(d);
      n += d.length + 4;
    }
    const bigText = parts.join('---\n');
    assert.ok(bigText.length >= 1024 * 1024, 'large enough for the lint worker');
    const big = pathToFileURL(join(dir, 'big.yaml')).toString();
    await s.open(big, bigText);
    const found = (await s.pull(big)).filter((d) => d.code === 'k8s/pvc-not-found');
    assert.deepEqual(
      found.map((d) => d.range.start.line),
      [bigText.slice(0, bigText.indexOf('claimName: no-such-volume-claim')).split('\n').length - 1],
      'only the claim that exists nowhere is reported',
    );
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
