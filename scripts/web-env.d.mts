// Types for scripts/web-env.mjs (plain ESM so that scripts/run.mjs can use it without a TypeScript runner).
export declare const WEB_NODE_OPTIONS: string;
export declare function webEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
