import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and worker-side packages stay out of the server bundle.
  serverExternalPackages: ["sharp", "onnxruntime-node", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "yauzl", "tar-stream", "saxes"],
  // Uploads are streamed straight from request.body to disk (app/api/imports/upload),
  // so no body-size limit applies there; this only guards server actions, which we don't use for files.
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project before building;
  // the build does not repeat it (about half a minute on two cores).
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default nextConfig;
