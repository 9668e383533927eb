// The agent's path semantics and the kubelet's volume layout, as the workspace/ rules and the
// navigation use them (server/src/engine/model/node-paths.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubeletVolumeRef, reaches, segmentMatches, segments, UNLIMITED } from '../server/src/engine/model/node-paths';

test('a pattern level is fnmatch of one directory level', () => {
  assert.ok(segmentMatches('*', 'web-0'));
  assert.ok(segmentMatches('web-?', 'web-1'));
  assert.ok(!segmentMatches('web-?', 'web-10'));
  assert.ok(segmentMatches('[ab]pp', 'app'));
  assert.ok(segmentMatches('[!x]pp', 'app'));
  assert.ok(!segmentMatches('*.log', 'a/b.log'), 'a level never spans a slash');
  assert.ok(segmentMatches('a.b', 'a.b') && !segmentMatches('a.b', 'aXb'), 'a dot is literal');
});

test('reaches: inside the volume, or above it within the search depth', () => {
  const vol = segments('/mnt/web');
  assert.ok(reaches({ dir: segments('/mnt/web'), depth: 0 }, vol));
  assert.ok(reaches({ dir: segments('/mnt/web/sub'), depth: 0 }, vol), 'a directory inside the volume');
  assert.ok(!reaches({ dir: segments('/mnt/webapp'), depth: UNLIMITED }, vol), 'segment boundaries');
  assert.ok(!reaches({ dir: segments('/mnt'), depth: 0 }, vol), 'one level above with no depth');
  assert.ok(reaches({ dir: segments('/mnt'), depth: 1 }, vol), 'one level above with depth 1');
  assert.ok(reaches({ dir: segments('/*/web'), depth: 0 }, vol), 'a pattern level');
  // a subPathExpr level: a `*` level or enough depth reaches it, the bare volume directory does not
  const perPod = [...vol, '$(POD_NAME)'];
  assert.ok(reaches({ dir: [...vol, '*'], depth: 0 }, perPod));
  assert.ok(!reaches({ dir: vol, depth: 0 }, perPod));
  assert.ok(reaches({ dir: vol, depth: 1 }, perPod));
});

test('kubelet volume directories: plugin and name levels, with or without a host prefix', () => {
  const p = '/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/nas-pv/mount/a.log';
  const r = kubeletVolumeRef(p)!;
  assert.equal(r.plugin, 'kubernetes.io~csi');
  assert.equal(p.slice(r.pluginStart, r.pluginStart + r.plugin.length), 'kubernetes.io~csi');
  assert.equal(r.name, 'nas-pv');
  assert.equal(p.slice(r.nameStart, r.nameStart + r.name.length), 'nas-pv');
  assert.equal(r.next, 'mount');
  assert.equal(kubeletVolumeRef('/var/lib/kubelet/pods/u/volumes/kubernetes.io~nfs/pv1')!.name, 'pv1');
  assert.equal(kubeletVolumeRef('/var/lib/kubelet/pods/u/volumes/kubernetes.io~nfs/pv1')!.next, undefined);
  assert.equal(kubeletVolumeRef('/var/lib/kubelet/pods/u/volumes/'), undefined, 'no plugin level');
  assert.equal(kubeletVolumeRef('/a/b/var/lib/kubelet/pods/u/volumes/x/y'), undefined, 'at most one prefix level');
});
