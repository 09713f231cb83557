import type { Measurement } from './measure';
import { summarize, type Summary } from './stats';

/** One measured command in a report table. */
export interface Row {
  label: string;
  command: string;
  runs: number;
  wallMs: Summary;
  peakRssMiB: Summary | null;
  /** Work per second (objects/s…), when the row measures throughput. */
  throughput?: { unit: string; value: Summary };
  /** Why the row has fewer runs than asked, or anything else the reader must know about it. */
  note?: string;
}

/** A target of the brief, met or missed by a measured value. */
export interface Target {
  name: string;
  /** Null when the subject could not be measured (it failed): the target is then missed. */
  measured: number | null;
  limit: number;
  unit: string;
  /** True when `measured <= limit`, or `>=` for targets marked `atLeast`. */
  met: boolean;
  atLeast?: boolean;
}

/** One measurement of the benchmark: its table, ratios, targets and notes. */
export interface Section {
  id: string;
  title: string;
  rows: Row[];
  ratios: { name: string; value: number }[];
  targets: Target[];
  notes: string[];
  /** Set when the section could not run (its subject is missing or broken); the reason. */
  skipped?: string;
}

/** A report row from a measurement, optionally with a throughput of `units` per run. */
export function rowOf(measurement: Measurement, throughput?: { unit: string; perRun: number[] }, note?: string): Row {
  return {
    label: measurement.label,
    command: measurement.command,
    runs: measurement.runs,
    wallMs: measurement.wallMs,
    peakRssMiB: measurement.peakRssMiB,
    ...(throughput ? { throughput: { unit: throughput.unit, value: summarize(throughput.perRun) } } : {}),
    ...(note ? { note } : {}),
  };
}

/** A target that is met when `measured` stays at or under `limit` (or at or over, with `atLeast`). */
export function target(name: string, measured: number | null, limit: number, unit: string, atLeast = false): Target {
  const rounded = measured === null ? null : Math.round(measured * 1000) / 1000;
  const met = rounded !== null && (atLeast ? rounded >= limit : rounded <= limit);
  return { name, measured: rounded, limit, unit, met, ...(atLeast ? { atLeast } : {}) };
}

/** An empty section, to be filled by a scenario. */
export function section(id: string, title: string): Section {
  return { id, title, rows: [], ratios: [], targets: [], notes: [] };
}
