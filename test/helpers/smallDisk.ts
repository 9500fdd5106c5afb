import { execFileSync } from 'node:child_process';
import { openSync, writeSync, closeSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A real small filesystem for disk-trouble tests: a tmpfs of `sizeKiB` mounted on `dir` (needs
 * root, as CI and this machine run; the test fails saying so otherwise). It can be filled to the
 * last byte and remounted read-only, so the bot meets ENOSPC and EROFS from the kernel itself.
 */
export class SmallDisk {
  private constructor(readonly dir: string) {}

  static mount(dir: string, sizeKiB: number): SmallDisk {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(
        `disk-trouble tests mount a small tmpfs and need root (mount failed: ${(error as Error).message})`,
      );
    }
    return new SmallDisk(dir);
  }

  /** Writes a filler file until the disk refuses (ENOSPC). */
  fill(): void {
    const descriptor = openSync(this.fillerFile, 'w');
    const chunk = Buffer.alloc(16 * 1024, 1);
    try {
      for (;;) writeSync(descriptor, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(descriptor);
    }
    // Whatever is left, in smaller pieces.
    const small = openSync(this.fillerFile, 'a');
    try {
      for (;;) writeSync(small, Buffer.alloc(64, 1));
    } catch {
      // full
    } finally {
      closeSync(small);
    }
  }

  free(): void {
    rmSync(this.fillerFile, { force: true });
  }

  readOnly(): void {
    execFileSync('mount', ['-o', 'remount,ro', this.dir], { stdio: 'pipe' });
  }

  writable(): void {
    execFileSync('mount', ['-o', 'remount,rw', this.dir], { stdio: 'pipe' });
  }

  unmount(): void {
    execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
  }

  private get fillerFile(): string {
    return path.join(this.dir, 'filler.bin');
  }
}
