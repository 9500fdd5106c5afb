import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from './atomicFile.js';

/** The file exists but is not JSON: start-up stops and names it; the file is left as it is. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} is not valid JSON (${detail}). It was left untouched; fix or restore it, then start again.`);
    this.name = 'UnreadableFileError';
  }
}

/**
 * A lowdb adapter that writes atomically and durably. lowdb's own JSONFile adapter renames a
 * temporary file too, but never fsyncs; the account store only reports a change as saved once it
 * is on disk, so it needs the flush. Callers serialize writes (see OrganizationFileStore).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** Size in bytes of the file last read or written (the store compares its journal, in bytes, to it). */
  bytes = 0;

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    this.bytes = Buffer.byteLength(text);
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new UnreadableFileError(this.file, (error as Error).message);
    }
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 1);
    await writeFileAtomic(this.file, text, { durable: true });
    this.bytes = Buffer.byteLength(text);
  }
}
