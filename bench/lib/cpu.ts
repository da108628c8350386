// Where the machine's CPU went during a phase: the app's process group, the
// PostgreSQL server, this benchmark process (and how much of that was kernel
// time), and everything else (other people's jobs on a shared machine show up
// there). Linux /proc only.
import { readdirSync, readFileSync } from "node:fs";

const TICK = 100; // USER_HZ on Linux

type Sample = { app: number; postgres: number; bench: number; benchKernel: number; busy: number };

function sample(appPgid: number | null): Sample {
  let app = 0;
  let postgres = 0;
  let bench = 0;
  let benchKernel = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // f[0] = state, f[2] = pgrp, f[11] = utime, f[12] = stime, f[13] = cutime, f[14] = cstime.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // A reaped child's time moves into its parent's cutime/cstime, so counting both keeps a group's
    // total whole when processes end mid-phase (PostgreSQL backends whose pool connection idled out).
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    if (Number(pid) === process.pid) {
      bench += ticks;
      benchKernel += Number(f[12]);
    }
    else if (appPgid !== null && Number(f[2]) === appPgid) app += ticks;
    else if (comm === "postgres") postgres += ticks;
  }
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const busy = cpu.reduce((s, x) => s + x, 0) - cpu[3]! - cpu[4]!; // minus idle and iowait
  return { app, postgres, bench, benchKernel, busy };
}

/** Starts counting; the returned function gives CPU seconds per group since then. */
export function cpuMeter(appPgid: number | null = null) {
  const a = sample(appPgid);
  return () => {
    const b = sample(appPgid);
    const s = (k: keyof Sample) => (b[k] - a[k]) / TICK;
    // A process that ended and was reaped by a parent outside its group (none here) would be lost.
    return { app: s("app"), postgres: s("postgres"), bench: s("bench"), benchKernel: s("benchKernel"), other: Math.max(0, s("busy") - s("app") - s("postgres") - s("bench")) };
  };
}

/**
 * Waits (up to maxSeconds) until the machine is nearly idle, so other jobs on
 * a shared machine do not land in a timing; says so when it had to wait or gave up.
 */
export async function waitForQuiet(maxSeconds = 180, idleShare = 0.85): Promise<void> {
  const until = Date.now() + maxSeconds * 1000;
  let said = false;
  for (;;) {
    const idle = await idleFraction(3000);
    if (idle >= idleShare) {
      if (said) console.log("  machine quiet, going on");
      return;
    }
    if (Date.now() > until) {
      console.log(`  machine still busy (${Math.round(100 * (1 - idle))} % CPU used by others) after ${maxSeconds} s; measuring anyway`);
      return;
    }
    if (!said) console.log(`  waiting for the machine to go quiet (${Math.round(100 * (1 - idle))} % CPU busy)…`);
    said = true;
  }
}

async function idleFraction(ms: number): Promise<number> {
  const read = () => readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const d = b.map((x, i) => x - a[i]!);
  const total = d.reduce((s, x) => s + x, 0);
  return total > 0 ? (d[3]! + d[4]!) / total : 1;
}
