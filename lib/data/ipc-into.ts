import { RecordBatchStreamWriter, type RecordBatch, type Schema } from "apache-arrow";
import { AsyncByteQueue } from "apache-arrow/io/stream";

/** Keeps the writer's chunks (views, not copies) instead of queueing them for a reader. */
class Chunks extends AsyncByteQueue {
  readonly parts: Uint8Array[] = [];
  byteLength = 0;
  override write(value: Uint8Array): void {
    if (value.byteLength === 0) return;
    this.parts.push(value);
    this.byteLength += value.byteLength;
  }
}

/**
 * Writes `batches` as one Arrow IPC stream into `target` when it is large
 * enough, else into a new buffer made by `allocate`, copying each buffer once.
 * apache-arrow's own `tableToIPC` would first join the chunks into a fresh
 * array (a second copy of every byte, into memory never touched before).
 */
export function writeIpcStreamInto<B extends ArrayBufferLike>(schema: Schema, batches: readonly RecordBatch[], target: B | null, allocate: (bytes: number) => B): { buffer: B; byteLength: number } {
  const sink = new Chunks();
  const writer = new RecordBatchStreamWriter();
  writer.reset(sink, schema);
  for (const b of batches) writer.write(b);
  writer.finish();
  const buffer = target && target.byteLength >= sink.byteLength ? target : allocate(sink.byteLength);
  const out = new Uint8Array(buffer, 0, sink.byteLength);
  let at = 0;
  for (const p of sink.parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return { buffer, byteLength: sink.byteLength };
}
