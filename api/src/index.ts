/** What other packages may use of the register: starting it, and its configuration. */
export { parseConfig, type Config } from './config.ts';
export { startServer, type RunningServer } from './server.ts';
