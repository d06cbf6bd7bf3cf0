import { DataError, errorMessage } from "./errors";
import { checkSize, formatFromName } from "./formats";

/** What a load needs of a picked or dropped file (a DOM File satisfies it). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads a picked or dropped file for a load, refusing it on its name and size
 * first: a file over the limit is never read (it would otherwise be buffered
 * whole, possibly failing to allocate, before being refused). A read that
 * fails — the file moved, changed since it was picked, or is not readable —
 * becomes a DataError that names the file instead of an unhandled rejection.
 */
export async function readPickedFile(file: PickedFile, maxBytes?: number): Promise<Uint8Array> {
  formatFromName(file.name);
  checkSize(file.name, file.size, maxBytes);
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    throw new DataError("unreadable", `${file.name}: the file could not be read (${errorMessage(err)}); check that it still exists and is readable, then pick it again`);
  }
}
