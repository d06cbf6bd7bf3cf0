import "server-only";
import { RequestError } from "@/lib/api/http";
import type { ModelFile } from "@/lib/store/models";

/**
 * A version's .onnx file as a download (GET /api/models/{name}/versions/{v}/file),
 * for running it elsewhere — the notebook's predict cell runs it in
 * onnxruntime-web. Versions are immutable and addressed by their SHA-256, so
 * the digest is the ETag and the file may be cached for good; "private"
 * because the route needs a session or token, so no shared cache keeps it.
 * A vetoed version downloads too (to inspect why it failed), marked by
 * X-Lathe-Blessed: false.
 */
export function modelFileResponse(file: ModelFile, ifNoneMatch: string | null): Response {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    etag,
    "cache-control": "private, max-age=31536000, immutable",
    "x-lathe-blessed": String(file.blessed),
    "x-lathe-model-version": String(file.version),
  };
  if (ifNoneMatch !== null && matches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...headers,
      "content-type": "application/octet-stream",
      "content-length": String(file.bytes.byteLength),
      // Model names are letters, digits, "-", "_" and "." only (NAME_PATTERN): nothing to escape.
      "content-disposition": `attachment; filename="${file.model}-v${file.version}.onnx"`,
    },
  });
}

/** If-None-Match: "*", or a list of (possibly weak) entity tags. */
function matches(header: string, etag: string): boolean {
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}

/** The {version} path segment: a positive version number. */
export function parseVersionSegment(s: string): number {
  const n = /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n)) throw new RequestError("invalid", `version: not a version number: ${JSON.stringify(s.slice(0, 40))}`, "version");
  return n;
}
