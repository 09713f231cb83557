// Fallback peak-RSS probe for machines without GNU time: loaded into every Node process of a measured
// run through NODE_OPTIONS=--require, it appends the process's own peak RSS (KiB) to $BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
