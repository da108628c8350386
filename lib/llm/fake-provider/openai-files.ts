// OpenAI's Files API, as much as batches need: upload (multipart, the way
// the SDK sends it), retrieve, and download content. Files live in memory.
import { z } from "zod";
import type { Route, ServerContext } from "./context";
import type { Exchange } from "./exchange";
import { invalid } from "./exchange";
import { openaiDialect } from "./openai-wire";
import { newId } from "./random";

export interface FileObject {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: "processed";
  expires_at: number | null;
  status_details: null;
}

export class FileStore {
  private readonly files = new Map<string, { meta: FileObject; content: Buffer }>();

  add(content: Buffer, filename: string, purpose: string): FileObject {
    const meta: FileObject = {
      id: newId("file-"),
      object: "file",
      bytes: content.length,
      created_at: Math.floor(Date.now() / 1000),
      filename,
      purpose,
      status: "processed",
      expires_at: null,
      status_details: null,
    };
    this.files.set(meta.id, { meta, content });
    return meta;
  }

  get(id: string): { meta: FileObject; content: Buffer } | undefined {
    return this.files.get(id);
  }

  clear(): void {
    this.files.clear();
  }
}

const uploadSchema = z.object({
  purpose: z.enum(["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]),
  file: z.instanceof(File, { message: "a file is required" }),
});

async function upload(ctx: ServerContext, ex: Exchange): Promise<void> {
  const raw = await ex.body();
  if (raw === null) return;
  let form: FormData;
  try {
    // undici's multipart parser, through a Request, spares us a dependency.
    form = await new Request("http://fake.invalid/", {
      method: "POST",
      headers: { "content-type": ex.req.headers["content-type"] ?? "" },
      body: new Uint8Array(raw),
    }).formData();
  } catch {
    ex.fail("bad_request", { message: "The request body must be multipart/form-data with a `file` and a `purpose`." });
    return;
  }
  const parsed = uploadSchema.safeParse({ purpose: form.get("purpose"), file: form.get("file") });
  if (!parsed.success) {
    ex.sendError(invalid(openaiDialect, parsed.error, ex.requestId));
    return;
  }
  const content = Buffer.from(await parsed.data.file.arrayBuffer());
  ex.sendJson(200, ctx.files.add(content, parsed.data.file.name, parsed.data.purpose));
}

function found(ctx: ServerContext, ex: Exchange, id: string) {
  const file = ctx.files.get(id);
  if (!file) ex.fail("not_found", { message: `No such File object: ${id}`, param: "id" });
  return file;
}

export const openaiFileRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/files$/, dialect: openaiDialect, handle: upload },
  {
    method: "GET",
    pattern: /^\/v1\/files\/([^/]+)$/,
    dialect: openaiDialect,
    async handle(ctx, ex, [id]) {
      const file = found(ctx, ex, id as string);
      if (file) ex.sendJson(200, file.meta);
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/files\/([^/]+)\/content$/,
    dialect: openaiDialect,
    async handle(ctx, ex, [id]) {
      const file = found(ctx, ex, id as string);
      if (file) ex.send(200, file.content, "application/octet-stream");
    },
  },
];
