import { describe, expect, it } from "vitest";
import { readPickedFile, type PickedFile } from "./read-file";

/** A file whose reads are counted, and fail when asked to. */
function fakeFile(name: string, size: number, fail?: Error): PickedFile & { reads: number } {
  const f = {
    name,
    size,
    reads: 0,
    async arrayBuffer() {
      f.reads++;
      if (fail) throw fail;
      return new Uint8Array(size).fill(65).buffer;
    },
  };
  return f;
}

describe("readPickedFile", () => {
  it("refuses a file over the limit without reading it", async () => {
    const f = fakeFile("huge.csv", 3 * 1024 ** 3);
    await expect(readPickedFile(f, 1024 ** 3)).rejects.toThrow(/huge\.csv: 3\.00 GiB is over the 1\.00 GiB limit/);
    expect(f.reads).toBe(0);
  });

  it("refuses an unsupported or empty file without reading it", async () => {
    const xlsx = fakeFile("report.xlsx", 10);
    await expect(readPickedFile(xlsx)).rejects.toMatchObject({ code: "unsupported_format" });
    const empty = fakeFile("empty.csv", 0);
    await expect(readPickedFile(empty)).rejects.toMatchObject({ code: "empty_file" });
    expect(xlsx.reads + empty.reads).toBe(0);
  });

  it("turns a failed read into an error that names the file", async () => {
    const f = fakeFile("moved.parquet", 100, new DOMException("The requested file could not be read", "NotReadableError"));
    await expect(readPickedFile(f)).rejects.toMatchObject({
      code: "unreadable",
      message: expect.stringMatching(/^moved\.parquet: the file could not be read \(.*could not be read\); check that it still exists/),
    });
  });

  it("returns the bytes of a file within the limit", async () => {
    const bytes = await readPickedFile(new File(["a,b\n1,2\n"], "ok.csv"), 1024);
    expect(new TextDecoder().decode(bytes)).toBe("a,b\n1,2\n");
  });
});
