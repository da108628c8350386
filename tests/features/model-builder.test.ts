import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { attr, buildModel } from "@/lib/onnx/model-builder";

describe("ONNX model builder", () => {
  it("writes a model onnxruntime loads, with symbolic dims and int/float/ints/floats attributes", async () => {
    const bytes = buildModel({
      inputs: [{ name: "x", shape: ["N", 3] }],
      outputs: [
        { name: "y", shape: ["N", 2] },
        { name: "p", shape: [2, "N"] },
        { name: "c", shape: [3] },
      ],
      initializers: [
        { name: "w", dims: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
        { name: "b", dims: [2], data: Float32Array.from([0.5, -1]) },
      ],
      nodes: [
        // y = 2 · x · wᵀ + b
        { op: "Gemm", inputs: ["x", "w", "b"], outputs: ["y"], attrs: { transB: attr.int(1), alpha: attr.float(2) } },
        { op: "Softmax", inputs: ["y"], outputs: ["s"], attrs: { axis: attr.int(-1) } }, // a negative int64
        { op: "Transpose", inputs: ["s"], outputs: ["p"], attrs: { perm: attr.ints([1, 0]) } },
        { op: "Constant", inputs: [], outputs: ["c"], attrs: { value_floats: attr.floats([0.25, -1.5, 3]) } },
      ],
    });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputMetadata).toEqual([{ name: "x", isTensor: true, type: "float32", shape: ["N", 3] }]);
    const out = await session.run({ x: new ort.Tensor("float32", Float32Array.from([1, 1, 1, 0, 0, -1]), [2, 3]) });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([12.5, 29, -5.5, -13]);
    expect(out.p!.dims).toEqual([2, 2]);
    const p = out.p!.data as Float32Array;
    expect(p[0]! + p[2]!).toBeCloseTo(1, 6); // softmax over the last axis, transposed
    expect(Array.from(out.c!.data as Float32Array)).toEqual([0.25, -1.5, 3]);
    await session.release();
  });

  it("refuses an initializer whose data does not fill its dims", () => {
    expect(() =>
      buildModel({ inputs: [], outputs: [], nodes: [], initializers: [{ name: "w", dims: [2, 3], data: new Float32Array(5) }] }),
    ).toThrow("initializer 'w' has 5 values but dims [2,3] need 6");
  });
});
