import { parseConfig } from './config.ts';
import { startServer } from './server.ts';

// `npm start`: the register on one port, embedded defaults unless the environment says otherwise.
let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Signals are heard from the start: one that comes while the server starts stops it cleanly once started.
const starting = startServer(config).catch((error: unknown) => {
  // A clear sentence, not a stack: what is wrong and what to do.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    starting
      .then((server) => server.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
await starting;
