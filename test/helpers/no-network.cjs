// Preloaded (node --require) into the language server by the protocol tests: every way out to
// the network throws and leaves a mark on stderr, so that a test fails if the server ever tries.
'use strict';
const MARK = 'logtail-lint-test: network attempt:';
function trap(name) {
  return function () {
    process.stderr.write(`${MARK} ${name}\n`);
    throw new Error(`network disabled in tests: ${name}`);
  };
}
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const dns = require('node:dns');
for (const k of ['connect', 'createConnection']) net[k] = trap(`net.${k}`);
net.Socket.prototype.connect = trap('net.Socket.connect');
for (const m of [http, https]) for (const k of ['request', 'get']) m[k] = trap(`${m === http ? 'http' : 'https'}.${k}`);
for (const k of Object.keys(dns)) if (typeof dns[k] === 'function' && /^(lookup|resolve)/.test(k)) dns[k] = trap(`dns.${k}`);
for (const k of Object.keys(dns.promises)) if (typeof dns.promises[k] === 'function' && /^(lookup|resolve)/.test(k)) dns.promises[k] = trap(`dns.promises.${k}`);
globalThis.fetch = trap('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = trap('WebSocket');
