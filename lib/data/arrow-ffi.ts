import { makeData, RecordBatch, Struct, Type, type Data, type DataType, type Field, type Schema } from "apache-arrow";

/**
 * Reads record batches that a WebAssembly module exported through the Arrow C
 * Data Interface (https://arrow.apache.org/docs/format/CDataInterface.html)
 * as apache-arrow objects whose buffers are *views* on the module's memory:
 * nothing is copied. Valid only until the module frees or grows its memory.
 *
 * Why: a decoded Parquet file of 3M rows is ~140 MB of Arrow buffers, and on
 * these machines every fresh megabyte a page touches costs page faults (about
 * 4 ms/MB, measured). Copying the buffers out of the module once, straight
 * into a reused staging buffer, avoids both the module's own IPC copy and a
 * fresh JavaScript buffer per load.
 *
 * Covers flat columns only (see `isFlatSchema`); for anything else (nested,
 * dictionary, interval, union, view types) the caller takes the module's own
 * IPC writer instead.
 */
export function readFfiBatches(memory: ArrayBuffer, schema: Schema, arrayAddrs: ArrayLike<number>): RecordBatch[] {
  if (!isFlatSchema(schema)) throw new Error("readFfiBatches: the schema has columns that are not flat");
  const view = new DataView(memory);
  const batches: RecordBatch[] = [];
  for (let b = 0; b < arrayAddrs.length; b++) {
    // Each batch is a struct array whose children are the columns.
    const top = readArray(view, arrayAddrs[b]);
    if (top.children.length !== schema.fields.length) throw new Error(`Arrow C data: batch ${b} has ${top.children.length} columns, the schema ${schema.fields.length}`);
    // A sliced batch would shift every column by its offset; exporters hand whole batches, so refuse rather than misread.
    if (top.offset !== 0) throw new Error(`Arrow C data: batch ${b} starts at offset ${top.offset}; only whole batches are read`);
    const columns = schema.fields.map((f: Field, i: number) => columnData(memory, readArray(view, top.children[i]), f.type));
    const data = makeData({ type: new Struct(schema.fields), length: top.length, nullCount: 0, children: columns });
    batches.push(new RecordBatch(schema, data));
  }
  return batches;
}

/**
 * Whether `readFfiBatches` reads every column: numbers, booleans, strings,
 * binary, decimals, dates, times, timestamps, durations, fixed-size binary
 * (each a validity bitmap and at most two plain buffers).
 */
export function isFlatSchema(schema: Schema): boolean {
  return schema.fields.every((f) => isFlat(f.type));
}

function isFlat(type: DataType): boolean {
  switch (type.typeId) {
    case Type.Null:
    case Type.Int:
    case Type.Float:
    case Type.Bool:
    case Type.Utf8:
    case Type.Binary:
    case Type.LargeUtf8:
    case Type.LargeBinary:
    case Type.Decimal:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
    case Type.Duration:
    case Type.FixedSizeBinary:
      return true;
    default:
      return false;
  }
}

interface CArray {
  length: number;
  nullCount: number;
  offset: number;
  buffers: number[];
  children: number[];
}

/**
 * struct ArrowArray on wasm32: five int64 (length, null_count, offset,
 * n_buffers, n_children) then 32-bit pointers (buffers, children, ...).
 */
function readArray(view: DataView, ptr: number): CArray {
  const length = Number(view.getBigInt64(ptr, true));
  const nullCount = Number(view.getBigInt64(ptr + 8, true));
  const offset = Number(view.getBigInt64(ptr + 16, true));
  const nBuffers = Number(view.getBigInt64(ptr + 24, true));
  const nChildren = Number(view.getBigInt64(ptr + 32, true));
  const buffersPtr = view.getUint32(ptr + 40, true);
  const childrenPtr = view.getUint32(ptr + 44, true);
  const buffers = Array.from({ length: nBuffers }, (_, i) => view.getUint32(buffersPtr + 4 * i, true));
  const children = Array.from({ length: nChildren }, (_, i) => view.getUint32(childrenPtr + 4 * i, true));
  return { length, nullCount, offset, buffers, children };
}

function columnData(memory: ArrayBuffer, a: CArray, type: DataType): Data {
  const { length, offset } = a;
  const end = offset + length;
  if (type.typeId === Type.Null) return makeData({ type, offset, length });
  // A null count of -1 means "not computed"; apache-arrow computes it lazily from the bitmap.
  const nullCount = a.nullCount;
  const nullBitmap = a.buffers[0] && nullCount !== 0 ? new Uint8Array(memory, a.buffers[0], Math.ceil(end / 8)) : undefined;
  const common = { type, offset, length, nullCount: nullBitmap ? nullCount : 0, nullBitmap } as const;
  switch (type.typeId) {
    case Type.Bool:
      return makeData({ ...common, data: new Uint8Array(memory, a.buffers[1], Math.ceil(end / 8)) } as never);
    case Type.Utf8:
    case Type.Binary: {
      const valueOffsets = new Int32Array(memory, a.buffers[1], end + 1);
      return makeData({ ...common, valueOffsets, data: new Uint8Array(memory, a.buffers[2], valueOffsets[end]) } as never);
    }
    case Type.LargeUtf8:
    case Type.LargeBinary: {
      const valueOffsets = new BigInt64Array(memory, a.buffers[1], end + 1);
      return makeData({ ...common, valueOffsets, data: new Uint8Array(memory, a.buffers[2], Number(valueOffsets[end])) } as never);
    }
    default: {
      // Fixed width: `stride` elements of ArrayType per value (e.g. 4 × u32 for a 128-bit decimal).
      const t = type as DataType & { ArrayType: new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView; bitWidth?: number; byteWidth?: number };
      const stride = type.typeId === Type.Decimal ? t.bitWidth! / 32 : type.typeId === Type.FixedSizeBinary ? t.byteWidth! : 1;
      return makeData({ ...common, data: new t.ArrayType(memory, a.buffers[1], end * stride) } as never);
    }
  }
}
