// Global setup of every model project (main process): see src/node/server/global-setup.ts.
export { default } from '../src/node/server/global-setup.ts';
