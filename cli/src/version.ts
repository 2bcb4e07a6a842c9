import { version } from '../package.json';

/** The CLI's version, from its package.json at build time. */
export const cliVersion: string = version;
