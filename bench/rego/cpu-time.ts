/** User and system time of a process.cpuUsage() difference, in milliseconds. */
export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
