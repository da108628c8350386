// The one place that reads process.env. Everything else calls config().
// Parsed lazily so `next build` (which imports route modules) needs no env.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL (npm run demo sets one up for you)" }),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z
    .string()
    .min(32, "AUTH_SECRET must be at least 32 characters; generate one with `openssl rand -hex 32`")
    .default("dev-only-secret-change-me-dev-only-secret"),
  DATA_DIR: z.string().default(".data"),
  IMAGE_STORE_DIR: z.string().optional(),
  UPLOAD_DIR: z.string().optional(),
  // Decoding limits: a hostile image (decompression bomb, huge file) is
  // rejected before it can exhaust memory.
  IMAGE_MAX_PIXELS: z.coerce.number().int().positive().default(100_000_000),
  IMAGE_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  // Browser uploads: an upload idle this long and never started is deleted (its
  // import marked failed); a finished import's uploaded files are deleted this
  // many days after it finished (0 = keep them). Swept hourly by the workers.
  UPLOAD_ABANDON_HOURS: z.coerce.number().positive().default(24),
  UPLOAD_KEEP_DAYS: z.coerce.number().min(0).default(7),
  // Colon-separated folders an admin may import from by server path; empty = any.
  IMPORT_ROOTS: z.string().default(""),
  // An ImageNet classifier in ONNX (ResNet-50 by default, see scripts/fetch-model.ts);
  // without one, the built-in extractor (no weights) makes the features.
  FEATURE_MODEL_PATH: z.string().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  ADMIN_NAME: z.string().default("Administrator"),
  // Namespaces BullMQ keys, so test runs and apps can share one Redis.
  QUEUE_PREFIX: z.string().regex(/^[\w-]+$/).default("obsidian"),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
  SECURE_COOKIES: bool.default(false),
  // Sign-in attempts per IP are limited (better-auth's limiter); tests that
  // sign in many times from one address turn it off.
  AUTH_RATE_LIMIT: bool.default(true),
  // How long the web process trusts a session better-auth accepted before asking
  // it again (lib/auth/session.ts); changes made through the app apply at once.
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  // Encrypts provider API keys entered in the admin UI (AES-256-GCM). Without
  // it, keys can only come from env vars named in each provider's settings.
  PROVIDER_KEY_SECRET: z
    .string()
    .min(32, "PROVIDER_KEY_SECRET must be at least 32 characters; generate one with `openssl rand -hex 32`")
    .optional(),
  // How long workers let in-flight provider requests finish on SIGTERM before
  // giving up on them (they are re-sent after restart).
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().positive().default(30_000),
  // How long a generation job's lock lasts without renewal: after a worker is
  // killed, its in-flight requests go to another worker once this has passed
  // (checked every half of it). Tests set it low; keep the default otherwise.
  GENERATION_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  // Batch mode: how often submitted batches are checked, and how big one gets
  // (both providers cap a batch's size; images make lines large).
  BATCH_POLL_MS: z.coerce.number().int().positive().default(30_000),
  BATCH_MAX_REQUESTS: z.coerce.number().int().positive().max(50_000).default(1_000),
  BATCH_MAX_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  // Only `npm run demo -- --fake-provider` sets this: the seed then registers
  // the fake provider (synthetic answers, injected failures). Never a default.
  DEMO_FAKE_PROVIDER_URL: z.string().url().optional(),
});

export type Config = ReturnType<typeof build>;

function build(env: NodeJS.ProcessEnv) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    appUrl: e.APP_URL,
    authSecret: e.AUTH_SECRET,
    secureCookies: e.SECURE_COOKIES,
    authRateLimit: e.AUTH_RATE_LIMIT,
    sessionCacheMs: e.SESSION_CACHE_MS,
    dataDir,
    imageStoreDir: path.resolve(/*turbopackIgnore: true*/ e.IMAGE_STORE_DIR ?? path.join(dataDir, "images")),
    uploadDir: path.resolve(/*turbopackIgnore: true*/ e.UPLOAD_DIR ?? path.join(dataDir, "uploads")),
    uploads: { abandonAfterHours: e.UPLOAD_ABANDON_HOURS, keepDays: e.UPLOAD_KEEP_DAYS },
    imageLimits: { maxPixels: e.IMAGE_MAX_PIXELS, maxBytes: e.IMAGE_MAX_BYTES },
    importRoots: e.IMPORT_ROOTS.split(":").filter(Boolean).map((p) => path.resolve(/*turbopackIgnore: true*/ p)),
    firstAdmin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME }
        : null,
    featureModelPath: e.FEATURE_MODEL_PATH ? path.resolve(/*turbopackIgnore: true*/ e.FEATURE_MODEL_PATH) : null,
    queuePrefix: e.QUEUE_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    providerKeySecret: e.PROVIDER_KEY_SECRET ?? null,
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    generationLockMs: e.GENERATION_LOCK_MS,
    demoFakeProviderUrl: e.DEMO_FAKE_PROVIDER_URL ?? null,
    batch: { pollMs: e.BATCH_POLL_MS, maxRequests: e.BATCH_MAX_REQUESTS, maxBytes: e.BATCH_MAX_BYTES },
    /** Provider API keys named by env var (read here so no other module touches process.env). */
    envSecret: (name: string): string | undefined => env[name],
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= build(process.env);
  return cached;
}

/** Tests and scripts that change env after start-up call this. */
export function resetConfig(): void {
  cached = undefined;
}
