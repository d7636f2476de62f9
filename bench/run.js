/**
 * `npm run bench`: the client against raw node-fetch with a keep-alive agent (the
 * floor), as ratios of CPU time (client ÷ floor, 1.00 = no overhead); what is
 * measured, and how, is in bench/measure.js.
 *
 * The measurement runs in several fresh processes, one after the other, and each
 * figure printed is the median over them. One process's ratios land a few percent
 * either side of the rest (its own JIT and heap state, and the noise of its
 * rounds); the median over several processes holds still where one process does not.
 *
 * The guard: the run fails (exit 1) when a median ratio passes its budget - ×1.20
 * per call, ×1.02 for fetch + decode (BENCH_NO_GUARD=1 only prints).
 */
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5);
const MEASURE = path.join(__dirname, 'measure.js');

function main() {
  const runs = [];
  for (let i = 0; i < PROCESSES; i++) {
    // --expose-gc: the decode case collects the heap before each timed call (measure.js).
    const output = execFileSync(process.execPath, ['--expose-gc', MEASURE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    runs.push(JSON.parse(output.trim().split('\n').pop()));
  }
  const { node, rounds, decodeRounds, responseBytes } = runs[0];
  console.log(
    `node ${node}, ${PROCESSES} processes × ${rounds} interleaved rounds (decode: ${decodeRounds}), loopback, ${(responseBytes / 1e6).toFixed(1)} MB response for the decode case\n`,
  );
  console.log('scenario                                   CPU floor/call  client/call   ratio  budget    wall ratio  ratio per process');
  const overBudget = [];
  for (const [index, { name, budget }] of runs[0].results.entries()) {
    const results = runs.map((run) => run.results[index]);
    const ratio = median(results.map((result) => result.ratio));
    const within = ratio <= budget;
    if (!within) overBudget.push(`${name}: ×${ratio.toFixed(3)} > ×${budget}`);
    const perCall = (key) => `${(median(results.map((result) => result[key])) * 1000).toFixed(1)} µs`.padStart(14);
    const perProcess = results.map((result) => `×${result.ratio.toFixed(3)}`).join(' ');
    console.log(
      `${name.padEnd(42)} ${perCall('floorCpuPerCallMs')} ${perCall('clientCpuPerCallMs')}   ×${ratio.toFixed(3)}  ≤×${budget.toFixed(2)} ${within ? 'ok ' : 'OVER'}  ×${median(results.map((result) => result.wallRatio)).toFixed(3)}      ${perProcess}`,
    );
  }
  if (overBudget.length && !process.env.BENCH_NO_GUARD) {
    console.error(`\nover budget:\n  ${overBudget.join('\n  ')}`);
    process.exitCode = 1;
  }
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main();
