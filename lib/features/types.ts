// What every feature extractor provides, and how a feature vector is stored
// (a Postgres bytea column: little-endian float32, 4 bytes a value).
import os from "node:os";

/** A per-image failure the person importing can act on ("not an image file", "too large"). */
export type ExtractError = { error: string };

export interface Extractor {
  /** Stable across runs and machines; stored with each vector, e.g. "builtin-v1" or "onnx-resnet50-<first 12 hex of the model's sha256>". */
  id: string;
  /** Shown in the UI, e.g. "Built-in (histograms + edges + thumbnail, no model)". */
  label: string;
  /** Length of every vector this extractor returns. */
  dim: number;
  /** One result per input, in order; an undecodable image gives an ExtractError and does not fail the others. */
  extract(images: Buffer[]): Promise<(Float32Array | ExtractError)[]>;
  /** Frees native resources (an onnxruntime session). */
  close?(): Promise<void>;
}

export function isExtractError(r: Float32Array | ExtractError): r is ExtractError {
  return !(r instanceof Float32Array);
}

// PCA decodes tens of thousands of vectors at once: on little-endian hosts
// (all but s390x) the bytes are copied as they are instead of value by value.
const NATIVE_LE = os.endianness() === "LE";

export function encodeVector(v: Float32Array): Buffer {
  if (NATIVE_LE) return Buffer.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  const out = Buffer.alloc(v.length * 4);
  for (let i = 0; i < v.length; i++) out.writeFloatLE(v[i]!, i * 4);
  return out;
}

export function decodeVector(b: Buffer): Float32Array {
  if (b.length % 4 !== 0) throw new Error(`a feature vector has a multiple of 4 bytes; got ${b.length}`);
  const out = new Float32Array(b.length / 4);
  // Copied, not viewed: a Buffer from a pool may not be 4-byte aligned.
  if (NATIVE_LE) new Uint8Array(out.buffer).set(b);
  else for (let i = 0; i < out.length; i++) out[i] = b.readFloatLE(i * 4);
  return out;
}
