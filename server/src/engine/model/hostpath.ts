import type { Volume } from './k8s';

/** hostPath types that are (or may be) a directory. Absent / "" means "no check", usually a directory. */
export function isDirectoryHostPath(v: Volume): boolean {
  const t = v.hostPath?.type ?? '';
  return t === '' || t === 'Directory' || t === 'DirectoryOrCreate';
}

/**
 * System paths that pods mount to read or to talk to, not to write logs into:
 * time zone files, kernel interfaces, devices, container-runtime sockets and state.
 */
const SYSTEM_PATHS = [
  '/etc/localtime',
  '/etc/timezone',
  '/usr/share/zoneinfo',
  '/etc/ssl',
  '/etc/pki',
  '/etc/ca-certificates',
  '/sys',
  '/proc',
  '/dev',
  '/lib/modules',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
  '/var/run/dockershim.sock',
  '/var/lib/kubelet/device-plugins',
  '/var/lib/kubelet/plugins_registry',
  '/var/lib/kubelet/pod-resources',
];

export function isSystemHostPath(path: string | undefined): boolean {
  if (!path) return false;
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (/\.sock$/.test(p)) return true;
  return SYSTEM_PATHS.some((s) => p === s || p.startsWith(s + '/'));
}
