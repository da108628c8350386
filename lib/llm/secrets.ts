import "server-only";
// Provider API keys entered in the UI are stored as AES-256-GCM ciphertext
// under a key derived from PROVIDER_KEY_SECRET; they are decrypted only in the
// process that calls the provider, never sent to the browser or logged.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { HttpError } from "@/lib/http/problem";

const key = (): Buffer => {
  const secret = config().providerKeySecret;
  if (!secret) {
    throw new HttpError(
      409,
      "Key storage is off",
      "Storing API keys needs PROVIDER_KEY_SECRET in the server's environment (openssl rand -hex 32); or name an env var that holds the key instead.",
    );
  }
  return createHash("sha256").update(`obsidian-provider-keys:${secret}`).digest();
};

/** base64(iv ‖ tag ‖ ciphertext) */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function decryptSecret(stored: string): string {
  const buf = Buffer.from(stored, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("The stored API key cannot be decrypted: PROVIDER_KEY_SECRET changed since it was saved. Enter the key again.");
  }
}
