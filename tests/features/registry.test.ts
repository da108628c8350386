import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createExtractor } from "@/lib/features/registry";
import { tinyClassifierModel, tinyWeights } from "./tiny-classifier";

describe("createExtractor", () => {
  it("is the built-in extractor when no model file is configured", async () => {
    expect((await createExtractor({})).id).toBe("builtin-v1");
    expect((await createExtractor({ modelPath: null })).id).toBe("builtin-v1");
  });

  it("is the ONNX extractor when a model file is configured", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "registry-")), "resnet50.onnx");
    writeFileSync(file, tinyClassifierModel(tinyWeights()));
    const e = await createExtractor({ modelPath: file });
    expect(e.id).toMatch(/^onnx-resnet50-[0-9a-f]{12}$/);
    await e.close?.();
  });

  it("names a missing model file", async () => {
    await expect(createExtractor({ modelPath: "/nonexistent/resnet50.onnx" })).rejects.toThrow(
      /could not load the ONNX model \/nonexistent\/resnet50\.onnx: ENOENT/,
    );
  });
});
