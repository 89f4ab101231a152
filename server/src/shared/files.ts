/**
 * Reading files the user did not necessarily mean to give us: only regular files of a sane size are read,
 * FIFOs and devices are never waited on, and errors are one line that never quotes the file's content.
 */
import * as fs from 'node:fs';
import * as l10n from '@vscode/l10n';

/** A file that cannot be read, with a one-line reason (already localised, without the path). */
export class FileError extends Error {}

/** Largest input the CLI reads (20 MB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** The reason of a failed file system call, in one short line. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return l10n.t('no such file (or a broken symbolic link)');
    case 'EACCES':
    case 'EPERM':
      return l10n.t('permission denied');
    case 'EISDIR':
      return l10n.t('is a directory');
    case 'ELOOP':
      return l10n.t('too many levels of symbolic links');
    case 'ENOTDIR':
      return l10n.t('a part of the path is not a folder');
    default:
      return l10n.t('cannot be read ({0})', code ?? (e as Error).message);
  }
}

// Opening a FIFO without O_NONBLOCK waits for a writer; with it, open returns at once and fstat tells.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `maxBytes`. Throws a FileError for anything else (missing, a folder, a
 * FIFO, a device, too large, unreadable) without blocking on it.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw new FileError(describeFsError(e));
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) {
      throw new FileError(l10n.t('is a directory'));
    }
    if (!st.isFile()) {
      throw new FileError(l10n.t('not a regular file (a FIFO, device or socket); skipped'));
    }
    if (st.size > maxBytes) {
      throw new FileError(l10n.t('larger than {0} MB; skipped', Math.round(maxBytes / 1024 / 1024)));
    }
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = fs.readSync(fd, buf, read, st.size - read, read);
      if (n === 0) {
        break;
      }
      read += n;
    }
    return buf.subarray(0, read);
  } catch (e) {
    throw e instanceof FileError ? e : new FileError(describeFsError(e));
  } finally {
    fs.closeSync(fd);
  }
}
