import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: ["lib/db/generated/**", ".next/**", ".data/**", "node_modules/**", "training/**", "bench/out/**", "next-env.d.ts"] },
];

export default config;
