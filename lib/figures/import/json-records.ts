// Reads the records of a .jsonl file (one JSON value a line, streamed: such
// files run to 80,000+ lines) or of a .json file (a JSON array read whole, or
// a .json file that is really JSONL). Says where each record sits, so that a
// bad one can be reported as "line 17: …".
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { extensionOf } from "./paths";
import type { ImportIssue } from "./types";

export type JsonRecordEvent =
  | { kind: "record"; value: unknown; line?: number; where: string }
  | { kind: "issue"; issue: ImportIssue };

export async function* readJsonRecords(absPath: string, relPath: string): AsyncGenerator<JsonRecordEvent> {
  if (extensionOf(relPath) === "json" && (await isJsonDocument(absPath))) {
    yield* readJsonDocument(absPath, relPath);
  } else {
    yield* readJsonLines(absPath, relPath);
  }
}

/** The first record of a JSON or JSONL file, read from its first MiB; null if there is none. */
export async function readFirstRecord(absPath: string): Promise<Record<string, unknown> | null> {
  const head = (await readHead(absPath, 1024 * 1024)).trimStart();
  if (!head.startsWith("[") && !head.startsWith("{")) return null;
  const start = head.indexOf("{");
  const end = start < 0 ? -1 : closingBrace(head, start);
  if (end < 0) return null;
  try {
    const value: unknown = JSON.parse(head.slice(start, end + 1));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A .json file holding one document (an array, or one pretty-printed object) rather than JSON lines. */
async function isJsonDocument(absPath: string): Promise<boolean> {
  const head = (await readHead(absPath, 64 * 1024)).trimStart();
  if (head.startsWith("[")) return true;
  if (!head.startsWith("{")) return false;
  const firstLine = await readFirstLine(absPath);
  try {
    JSON.parse(firstLine);
    return false; // a whole object on the first line: JSON lines under a .json name
  } catch {
    return true;
  }
}

async function* readJsonDocument(absPath: string, relPath: string): AsyncGenerator<JsonRecordEvent> {
  const text = stripBom(await readFile(absPath, "utf8"));
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const line = lineOfPosition(text, error);
    yield {
      kind: "issue",
      issue: {
        file: relPath,
        ...(line === undefined ? {} : { line }),
        reason: `${line === undefined ? "" : `line ${line}: `}not valid JSON (${messageOf(error)}); fix the file or export it again`,
      },
    };
    return;
  }
  const records = Array.isArray(document) ? document : [document];
  for (const [index, value] of records.entries()) yield { kind: "record", value, where: `record ${index + 1}` };
}

async function* readJsonLines(absPath: string, relPath: string): AsyncGenerator<JsonRecordEvent> {
  const input = createReadStream(absPath, "utf8");
  try {
    let line = 0;
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      const text = (line === 1 ? stripBom(raw) : raw).trim();
      if (text === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        const reason = `line ${line}: not valid JSON (${messageOf(error)}); fix or remove the line`;
        yield { kind: "issue", issue: { file: relPath, line, reason } };
        continue;
      }
      yield { kind: "record", value, line, where: `line ${line}` };
    }
  } finally {
    input.destroy(); // also when the reader stops early
  }
}

async function readHead(absPath: string, bytes: number): Promise<string> {
  const handle = await open(absPath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return stripBom(buffer.toString("utf8", 0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function readFirstLine(absPath: string): Promise<string> {
  const input = createReadStream(absPath, "utf8");
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) return stripBom(line);
    return "";
  } finally {
    input.destroy();
  }
}

/** Index of the "}" closing the object that opens at `start`, or -1 if the text ends first. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "{") {
      depth += 1;
    } else if (char === "}") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** V8 says "… in JSON at position 123"; turn that into a line number. */
function lineOfPosition(text: string, error: unknown): number | undefined {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  if (position === undefined) return undefined;
  return text.slice(0, Number(position)).split("\n").length;
}

function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, "");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/ in JSON at position \d+.*$/s, "") : String(error);
}
