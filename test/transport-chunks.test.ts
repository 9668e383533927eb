// A large message (a 5 MB didOpen) arrives in many 64 KB chunks: the framed reader delivers it
// whole and joins the chunks once, not on every chunk (that copied the buffered part again for
// each chunk: quadratic in the message size, ~80 copies of a 5 MB text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { FramedReader } from '../server/src/lsp/transport';

function frame(body: string): Buffer {
  const b = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'latin1'), b]);
}

test('a 3 MB message in 64 KB chunks is delivered whole, the chunks joined a bounded number of times, and the next message after it', async () => {
  const stream = new PassThrough();
  const reader = new FramedReader(stream, () => undefined, () => undefined);
  const got: unknown[] = [];
  reader.listen((m) => got.push(m));
  const text = 'apiVersion: v1\nkind: ConfigMap\n'.repeat(100_000); // ~3.1 MB
  const big = frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.yaml', languageId: 'yaml', version: 1, text } } }));
  const small = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'shutdown' }));
  const all = Buffer.concat([big, small]);
  const realConcat = Buffer.concat;
  let joins = 0;
  Buffer.concat = ((list: readonly Uint8Array[], length?: number) => {
    joins++;
    return realConcat(list, length);
  }) as typeof Buffer.concat;
  try {
    for (let i = 0; i < all.length; i += 65_536) {
      stream.write(all.subarray(i, i + 65_536));
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    Buffer.concat = realConcat;
  }
  const chunks = Math.ceil(all.length / 65_536);
  assert.equal(got.length, 2);
  assert.equal((got[0] as { params: { textDocument: { text: string } } }).params.textDocument.text, text);
  assert.equal((got[1] as { method: string }).method, 'shutdown');
  assert.ok(chunks > 40, `${chunks} chunks`);
  assert.ok(joins <= 4, `${joins} joins for ${chunks} chunks`);
  reader.dispose();
});
