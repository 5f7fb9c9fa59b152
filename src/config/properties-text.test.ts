import { describe, expect, test } from "bun:test";
import { parsePropertiesText } from "./properties-text";

const entries = (text: string) => Object.fromEntries(parsePropertiesText(text).entries.map((e) => [e.key, e.value]));

describe("java.util.Properties syntax", () => {
  test("=, : and whitespace separate key and value", () => {
    expect(entries("a=1\nb:2\nc 3\nd = 4\ne : 5\nf\t6\ng  =  7")).toEqual({ a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: "7" });
  });

  test("only the first separator counts; later = and : belong to the value", () => {
    expect(entries("url=http://h:1/x=y\nk : =v\nk2 = :v")).toEqual({ url: "http://h:1/x=y", k: "=v", k2: ":v" });
  });

  test("# and ! start comment lines, also after leading blanks; blank lines are skipped", () => {
    expect(entries("# c\n  ! c2\n\n   \na=1 # not a comment")).toEqual({ a: "1 # not a comment" });
  });

  test("a key alone has an empty value", () => {
    expect(entries("flag\nother=")).toEqual({ flag: "", other: "" });
  });

  test("backslash continues a line; the next line's leading blanks are dropped", () => {
    expect(entries("list=a,\\\n    b,\\\n    c\nnext=1")).toEqual({ list: "a,b,c", next: "1" });
  });

  test("an even number of backslashes does not continue", () => {
    expect(entries("path=c:\\\\\\\\\nnext=1")).toEqual({ path: "c:\\\\", next: "1" });
  });

  test("a continuation line starting with # is not a comment", () => {
    expect(entries("a=x\\\n  #y")).toEqual({ a: "x#y" });
  });

  test("escapes: \\t \\n \\r \\f, \\uXXXX, and \\ before any other char", () => {
    expect(entries("a=x\\ty\\nz\\r\\f\nb=\\u00e9\\u0041\nc=\\q\\\\\\=")).toEqual({ a: "x\ty\nz\r\f", b: "éA", c: "q\\=" });
  });

  test("escaped separators and blanks belong to the key", () => {
    expect(entries("my\\ key\\=x\\:y=v")).toEqual({ "my key=x:y": "v" });
  });

  test("CRLF and CR line ends", () => {
    expect(entries("a=1\r\nb=2\rc=3")).toEqual({ a: "1", b: "2", c: "3" });
  });

  test("trailing blanks are kept in the value, as Java does", () => {
    expect(entries("a=1  ")).toEqual({ a: "1  " });
  });

  test("positions of key and value, across continuations", () => {
    const { entries: e } = parsePropertiesText("\n  acks = all\nlist=a,\\\n  b");
    expect(e[0]).toMatchObject({ key: "acks", keyAt: { line: 2, col: 3 }, valueAt: { line: 2, col: 10 } });
    expect(e[1]).toMatchObject({ key: "list", value: "a,b", keyAt: { line: 3, col: 1 }, valueAt: { line: 3, col: 6 } });
  });
});

describe("syntax problems", () => {
  test("a malformed \\u escape, with its position", () => {
    const r = parsePropertiesText("ok=1\nbad=x\\u12G4");
    expect(r.entries.map((e) => e.key)).toEqual(["ok"]);
    expect(r.problems).toEqual([{ at: { line: 2, col: 6 }, problem: expect.stringContaining("four hex digits") }]);
  });

  test("a \\u cut short by the end of the line", () => {
    expect(parsePropertiesText("a=\\u12").problems).toHaveLength(1);
  });

  test("a value without a key", () => {
    expect(parsePropertiesText("=5").problems[0]!.problem).toContain("no key");
  });

  test("a continuation at the very end", () => {
    expect(parsePropertiesText("a=1\\\n").problems[0]!.problem).toContain("nothing follows");
    expect(parsePropertiesText("a=1\\").problems[0]!.problem).toContain("nothing follows");
  });
});
