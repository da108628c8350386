// Which extractor a deployment uses: the ONNX model when a model file is
// configured (FEATURE_MODEL_PATH, read by the caller from config), else the
// built-in one that needs no weights.
import { builtinExtractor } from "./builtin";
import { createOnnxExtractor } from "./onnx";
import type { Extractor } from "./types";

export function createExtractor(opts: { modelPath?: string | null }): Promise<Extractor> {
  return opts.modelPath ? createOnnxExtractor({ modelPath: opts.modelPath }) : Promise.resolve(builtinExtractor);
}
