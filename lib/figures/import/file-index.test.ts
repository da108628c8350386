import path from "node:path";
import { describe, expect, it } from "vitest";
import { indexFiles, resolveImage } from "./file-index";

const root = "/data/import";
const abs = (rel: string) => path.join(root, rel);

describe("resolveImage", () => {
  const index = indexFiles(root, [
    "records/figs.jsonl",
    "records/images/PMC1_F1.jpg",
    "images/PMC2_F1.png",
    "PMC3/article.nxml",
    "PMC3/pone.0012345.g001.jpg",
    "PMC3/pone.0012345.g001.gif",
    "PMC3/pone.0012345.g001.tif",
    "PMC3/pone.0012345.g002.gif",
    "PMC3/pone.0012345.g002.png",
    "PMC3/F1.jpg",
    "PMC4/article.nxml",
    "PMC4/F1.jpg",
    "PMC5/F7.jpg",
    "PMC6/F7.jpg",
    "__MACOSX/PMC3/._F9.jpg",
    "scans/lone.tiff",
    "scans/fig8.jpg",
    "scans/fig8.png",
  ]);

  it("takes a path from the input root as it is", () => {
    expect(resolveImage(index, "images/PMC2_F1.png")).toBe(abs("images/PMC2_F1.png"));
    expect(resolveImage(index, "./images/PMC2_F1.png")).toBe(abs("images/PMC2_F1.png"));
    expect(resolveImage(index, "images\\PMC2_F1.png")).toBe(abs("images/PMC2_F1.png"));
  });

  it("takes a path relative to the record file's folder", () => {
    expect(resolveImage(index, "images/PMC1_F1.jpg", "records/figs.jsonl")).toBe(abs("records/images/PMC1_F1.jpg"));
  });

  it("finds a bare file name anywhere", () => {
    expect(resolveImage(index, "PMC1_F1.jpg")).toBe(abs("records/images/PMC1_F1.jpg"));
    expect(resolveImage(index, "/home/someone/dataset/PMC2_F1.png")).toBe(abs("images/PMC2_F1.png"));
  });

  it("finds a JATS href without extension, preferring jpg over tif and gif", () => {
    expect(resolveImage(index, "pone.0012345.g001", "PMC3/article.nxml")).toBe(abs("PMC3/pone.0012345.g001.jpg"));
    expect(resolveImage(index, "pone.0012345.g002", "PMC3/article.nxml")).toBe(abs("PMC3/pone.0012345.g002.png"));
  });

  it("finds an image whose extension differs from the reference", () => {
    expect(resolveImage(index, "lone.jpg")).toBe(abs("scans/lone.tiff"));
    expect(resolveImage(index, "fig8.gif")).toBe(abs("scans/fig8.jpg"));
  });

  it("prefers the referencing file's folder when a name repeats", () => {
    expect(resolveImage(index, "F1", "PMC3/article.nxml")).toBe(abs("PMC3/F1.jpg"));
    expect(resolveImage(index, "F1.jpg", "PMC4/article.nxml")).toBe(abs("PMC4/F1.jpg"));
  });

  it("refuses to guess between folders", () => {
    expect(resolveImage(index, "F7.jpg")).toBeNull();
    expect(resolveImage(index, "F7", "PMC3/article.nxml")).toBeNull();
  });

  it("returns null for missing images, empty references and macOS metadata", () => {
    expect(resolveImage(index, "nothing.jpg")).toBeNull();
    expect(resolveImage(index, "")).toBeNull();
    expect(resolveImage(index, "F9.jpg")).toBeNull();
  });

  it("never resolves outside the indexed files", () => {
    expect(resolveImage(index, "../../etc/passwd", "records/figs.jsonl")).toBeNull();
  });
});
