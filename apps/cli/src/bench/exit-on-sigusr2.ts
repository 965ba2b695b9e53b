/**
 * Preloaded into the service by `npm run bench:api -- --cpu-prof` (node --require): SIGUSR2 ends the process with
 * a normal exit, so node --cpu-prof writes its profile (a process killed by a signal writes none).
 */
process.on('SIGUSR2', () => process.exit(0));
