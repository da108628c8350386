// A small in-memory element tree built with saxes, for documents small enough
// to hold whole (a JATS article is a few hundred KB). saxes never reads a DTD
// or resolves external entities, so a DOCTYPE naming a URL or file, or an
// <!ENTITY x SYSTEM "file:///etc/passwd">, fetches and reads nothing.
import { SaxesParser } from "saxes";

export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlNode[] };
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`not well-formed XML at line ${line}: ${detail}`);
  }
}

/**
 * Parses a whole document. Entities the document declares itself (in its
 * DOCTYPE) or its DTD would define are left unexpanded, as the literal text
 * "&name;": reading on beats failing the article over one symbol.
 * Anything else that is not well-formed throws an XmlSyntaxError.
 */
export function parseXmlTree(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const open: XmlElement[] = [root];
  const current = () => open[open.length - 1] ?? root;

  parser.on("error", (error) => {
    const detail = error.message.replace(/^\d+:\d+: /, "").replace(/\.$/, "");
    if (detail === "undefined entity") return;
    throw new XmlSyntaxError(parser.line, detail);
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attrs: { ...tag.attributes }, children: [] };
    current().children.push(element);
    open.push(element);
  });
  parser.on("closetag", () => {
    open.pop();
  });
  parser.on("text", (chunk) => current().children.push(chunk));
  parser.on("cdata", (chunk) => current().children.push(chunk));

  parser.write(text.replace(/^\uFEFF/, "")).close();
  return root;
}

export function childElements(element: XmlElement | undefined, name?: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter(
    (child): child is XmlElement => typeof child !== "string" && (name === undefined || child.name === name),
  );
}

export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

/** Every element below `element` in document order, with its ancestors below `element` (outermost first). */
export function* walk(element: XmlElement, ancestors: XmlElement[] = []): Generator<[XmlElement, XmlElement[]]> {
  for (const child of childElements(element)) {
    yield [child, ancestors];
    yield* walk(child, [...ancestors, child]);
  }
}
