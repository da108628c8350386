// Prisma CLI settings. Only `prisma generate` is used; migrations are SQL
// files applied by dbmate (scripts/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
