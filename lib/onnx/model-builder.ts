// Writes ONNX ModelProto bytes for small graphs, so tests and helpers can run
// real onnxruntime sessions without downloading models or depending on a
// protobuf library. Covers what we need: float32 initializers (as raw_data),
// int/ints/float/floats attributes, and float32 graph inputs/outputs whose
// dims may be symbolic ("N"). Field numbers are those of onnx/onnx.proto.

/** A tensor dimension: a fixed size, or a symbolic name such as "N" for a batch of any size. */
export type Dim = number | string;

export type Attribute =
  | { type: "int"; value: number }
  | { type: "ints"; value: readonly number[] }
  | { type: "float"; value: number }
  | { type: "floats"; value: readonly number[] };

/** Attribute constructors: a JS number alone can't say whether ONNX wants an int or a float. */
export const attr = {
  int: (value: number): Attribute => ({ type: "int", value }),
  ints: (value: readonly number[]): Attribute => ({ type: "ints", value }),
  float: (value: number): Attribute => ({ type: "float", value }),
  floats: (value: readonly number[]): Attribute => ({ type: "floats", value }),
};

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  attrs?: Record<string, Attribute>;
}

/** A float32 graph input or output. */
export interface ValueSpec {
  name: string;
  shape: readonly Dim[];
}

export interface InitializerSpec {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

export interface GraphSpec {
  name?: string;
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
  nodes: readonly NodeSpec[];
  initializers?: readonly InitializerSpec[];
}

const IR_VERSION = 8;
const OPSET = 17;
const FLOAT32 = 1; // TensorProto.DataType.FLOAT
const ATTR_TYPE = { float: 1, int: 2, floats: 6, ints: 7 } as const; // AttributeProto.AttributeType

/** Serialises a graph as an ONNX model (IR 8, default-domain opset 17). */
export function buildModel(graph: GraphSpec): Uint8Array {
  const g = new Message();
  for (const node of graph.nodes) g.message(1, nodeProto(node));
  g.string(2, graph.name ?? "graph");
  for (const init of graph.initializers ?? []) g.message(5, tensorProto(init));
  for (const input of graph.inputs) g.message(11, valueInfoProto(input));
  for (const output of graph.outputs) g.message(12, valueInfoProto(output));

  const opset = new Message().string(1, "").varint(2, OPSET);
  return new Message()
    .varint(1, IR_VERSION)
    .string(2, "obsidian-studio")
    .message(7, g)
    .message(8, opset)
    .finish();
}

function nodeProto(node: NodeSpec): Message {
  const m = new Message();
  for (const input of node.inputs) m.string(1, input);
  for (const output of node.outputs) m.string(2, output);
  if (node.name) m.string(3, node.name);
  m.string(4, node.op);
  for (const [name, a] of Object.entries(node.attrs ?? {})) m.message(5, attributeProto(name, a));
  return m;
}

function attributeProto(name: string, a: Attribute): Message {
  const m = new Message().string(1, name);
  switch (a.type) {
    case "float":
      m.float(2, a.value);
      break;
    case "int":
      m.varint(3, a.value);
      break;
    case "floats":
      for (const v of a.value) m.float(7, v);
      break;
    case "ints":
      for (const v of a.value) m.varint(8, v);
      break;
  }
  return m.varint(20, ATTR_TYPE[a.type]);
}

function tensorProto(t: InitializerSpec): Message {
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== expected) {
    throw new Error(`initializer '${t.name}' has ${t.data.length} values but dims [${t.dims.join(",")}] need ${expected}`);
  }
  const m = new Message();
  for (const d of t.dims) m.varint(1, d);
  m.varint(2, FLOAT32).string(8, t.name);
  // raw_data is little-endian; copy through a DataView so big-endian hosts would still be right.
  const raw = new DataView(new ArrayBuffer(t.data.length * 4));
  t.data.forEach((v, i) => raw.setFloat32(i * 4, v, true));
  return m.bytes(9, new Uint8Array(raw.buffer));
}

function valueInfoProto(v: ValueSpec): Message {
  const shape = new Message();
  for (const d of v.shape) {
    const dim = new Message();
    if (typeof d === "number") dim.varint(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new Message().varint(1, FLOAT32).message(2, shape);
  const type = new Message().message(1, tensorType);
  return new Message().string(1, v.name).message(2, type);
}

/** Protobuf wire format: each field is a key (field number << 3 | wire type) and a value. */
class Message {
  private parts: Uint8Array[] = [];

  /** Wire type 0. Negative int64 values take ten bytes (two's complement), as protobuf requires. */
  varint(field: number, value: number): this {
    this.key(field, 0);
    this.parts.push(encodeVarint(BigInt.asUintN(64, BigInt(value))));
    return this;
  }

  /** Wire type 5: a little-endian float32. */
  float(field: number, value: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.parts.push(b);
    return this;
  }

  /** Wire type 2: length-delimited bytes. */
  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.parts.push(encodeVarint(BigInt(value.length)), value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: Message): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }

  private key(field: number, wireType: number): void {
    this.parts.push(encodeVarint(BigInt((field << 3) | wireType)));
  }
}

function encodeVarint(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80n) {
    bytes.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  bytes.push(Number(v));
  return Uint8Array.from(bytes);
}
