// Process memory of the Chromium this bench launched, from /proc (Linux): resident size and its peak.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

/** One Chromium process: its pid, role (`browser`, `renderer`, `gpu-process`, …) and memory in MB. */
export interface ProcMem {
  pid: number;
  role: string;
  rssMB: number;
  peakMB: number;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function field(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The descendants of this Node process (Chromium and its helpers), with their roles. */
function descendants(): { pid: number; role: string }[] {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    // pid (comm) state ppid … — comm may hold spaces, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parent.set(Number(name), ppid);
    cmd.set(Number(name), (read(`/proc/${name}/cmdline`) ?? '').replace(/\0/g, ' '));
  }
  const out: { pid: number; role: string }[] = [];
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    let hops = 0;
    while (p !== undefined && p > 1 && p !== process.pid && hops++ < 50) p = parent.get(p);
    if (p !== process.pid || pid === process.pid) continue;
    const c = cmd.get(pid) ?? '';
    if (!/chrom/i.test(c)) continue;
    out.push({ pid, role: /--type=([\w-]+)/.exec(c)?.[1] ?? 'browser' });
  }
  return out;
}

/** Memory of every Chromium process this bench started. */
export function chromiumMemory(): ProcMem[] {
  return descendants().flatMap(({ pid, role }) => {
    const status = read(`/proc/${pid}/status`);
    if (!status) return [];
    return [{ pid, role, rssMB: field(status, 'VmRSS'), peakMB: field(status, 'VmHWM') }];
  });
}

/** Resets the peak-RSS counters (VmHWM) of those processes; false where the kernel refused. */
export function resetPeaks(): boolean {
  let ok = true;
  for (const { pid } of descendants()) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  }
  return ok;
}
