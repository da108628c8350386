import "server-only";
// The image a provider sees: resized once so the long edge is at most 1568 px
// (both providers downscale beyond that anyway, and we pay for every pixel
// sent), stored beside the original as a derivative, sent as base64.
import { promises as fs } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { config } from "@/lib/config";
import { originalPath } from "@/lib/storage/image-store";

export const LLM_MAX_EDGE = 1568;

const derivativePath = (hash: string) => path.join(config().imageStoreDir, "llm", hash.slice(0, 2), `${hash}.png`);

export type LlmImage = { mediaType: "image/png" | "image/jpeg"; base64: string; width: number; height: number };

export async function llmImage(hash: string): Promise<LlmImage> {
  const file = derivativePath(hash);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    // PNG keeps line art and text in charts and diagrams sharp; photos become
    // larger than JPEG would make them, but the token cost depends on pixels only.
    bytes = await sharp(originalPath(hash), { limitInputPixels: config().imageLimits.maxPixels })
      .rotate()
      .resize({ width: LLM_MAX_EDGE, height: LLM_MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .png({ compressionLevel: 6 })
      .toBuffer();
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  }
  const meta = await sharp(bytes).metadata();
  return { mediaType: "image/png", base64: bytes.toString("base64"), width: meta.width ?? 0, height: meta.height ?? 0 };
}

/** Input tokens an image costs, by each provider's published formula (for admission and estimates). */
export function imageTokens(kind: "openai" | "anthropic" | "openai_compatible", width: number, height: number): number {
  if (kind === "anthropic") return Math.min(1_600, Math.ceil((width * height) / 750));
  // OpenAI high detail: fit in 2048², shortest side to 768, 170 per 512-px tile + 85.
  let w = width;
  let h = height;
  const s1 = Math.min(1, 2048 / Math.max(w, h));
  w *= s1;
  h *= s1;
  const s2 = Math.min(1, 768 / Math.min(w, h));
  w *= s2;
  h *= s2;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}
