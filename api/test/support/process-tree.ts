import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The executable's name as the kernel reports it (`node`, `postgres`, `redis-server`). */
  name: string;
}

/** Every process now, from /proc (Linux). */
function allProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (name) state ppid …`; the name may itself hold spaces or parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const [, ppid] = stat.slice(close + 2).split(' ');
      found.push({
        pid: Number(entry),
        ppid: Number(ppid),
        name: stat.slice(stat.indexOf('(') + 1, close),
      });
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

/** `pid` and everything it started, and their children, as running now. */
export function processTree(pid: number): ProcessInfo[] {
  const processes = allProcesses();
  const tree = processes.filter((p) => p.pid === pid);
  for (let i = 0; i < tree.length; i += 1) {
    tree.push(...processes.filter((p) => p.ppid === tree[i]?.pid));
  }
  return tree;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0 but is gone for every purpose here.
    return !/^\S+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
