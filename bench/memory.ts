import { readFileSync, writeFileSync } from 'node:fs'

function field(pid: number, name: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)
    return match ? Number(match[1]) * 1024 : NaN
  } catch {
    return NaN
  }
}

/** Peak resident memory since start (or since the last reset), from the kernel. */
export const peakBytes = (pid: number) => field(pid, 'VmHWM')
export const residentBytes = (pid: number) => field(pid, 'VmRSS')

/**
 * Resets VmHWM to the current resident size (Linux clear_refs "5"), so each
 * scenario reports its own peak. Returns false where the kernel refuses.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

export const mb = (bytes: number) => (Number.isFinite(bytes) ? `${Math.round(bytes / 1024 / 1024)} MB` : 'n/a')
