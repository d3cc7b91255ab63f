// The memory a process holds, as the kernel reports it in /proc/<pid>/status (Linux only).
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set size now, in MiB. */
  readonly rssMiB: number;
  /** The highest resident set size since the process started, in MiB. */
  readonly peakMiB: number;
}

function field(status: string, name: string): number {
  const kib = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
  if (kib === undefined) throw new Error(`/proc status has no ${name} line`);
  return Number(kib) / 1024;
}

export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMiB: field(status, 'VmRSS'), peakMiB: field(status, 'VmHWM') };
}
