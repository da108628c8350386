import sharp from "sharp";
const files = process.argv.slice(3);
const out = process.argv[2]!;
const S = 300;
const tiles = await Promise.all(files.map((f) => sharp(f).resize(S, S, { fit: "contain", background: "#888" }).png().toBuffer()));
const cols = 3;
await sharp({ create: { width: S * cols, height: S * Math.ceil(files.length / cols), channels: 3, background: "#888" } })
  .composite(tiles.map((input, i) => ({ input, left: (i % cols) * S, top: Math.floor(i / cols) * S })))
  .png().toFile(out);
