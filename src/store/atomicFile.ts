import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file so that a reader (or a restart after a kill) sees either the old content or
 * the new one, never a torn mix: write a temporary file beside it, flush it, rename it over the
 * target. With `durable`, the data and the rename are also flushed to the disk (fsync of the file
 * and of its folder), so an acknowledged write survives a power cut, not only a process kill.
 */
export async function writeFileAtomic(file: string, text: string, options: { durable: boolean }): Promise<void> {
  const directory = path.dirname(file);
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      if (options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    // A failed write must not leave a partial temporary file behind (disk full, permissions).
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  if (options.durable) await syncDirectory(directory);
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
