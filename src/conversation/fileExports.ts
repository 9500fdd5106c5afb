import { stringify } from 'csv-stringify/sync';
import type { CardJson, MemberTurn } from './turn.js';

/**
 * Files the bot sends (issue 22): a conversation builds the file (CSV, for an auditor or a
 * spreadsheet) and the Teams layer sends it the way Teams lets a bot send files, in the personal
 * chat: a consent card first; when the admin accepts, Teams gives an upload place, the bot builds
 * the file again at that moment (who acts and what they may see asked again, from the activity),
 * uploads it and posts the file card. Nothing of the file travels in the consent card: only which
 * export and its few parameters, which are read back as untrusted input.
 */
export interface ExportedFile {
  name: string;
  /** The file's bytes (CSV, UTF-8 with a byte-order mark so Excel reads accents right). */
  content: Buffer;
}

/** What a consent card carries back when accepted: which export, and its parameters (strings). */
export interface ExportRequest {
  export: string;
  params: Record<string, string>;
}

/** Builds one kind of file for the acting admin, or says why not (a refusal card). */
export type FileExport = (turn: MemberTurn, params: Record<string, string>) => Promise<ExportedFile | CardJson>;

export function isExportedFile(value: ExportedFile | CardJson): value is ExportedFile {
  return Buffer.isBuffer((value as Partial<ExportedFile>).content);
}

/** Rows to a CSV file, header first; every cell a string. */
export function csvFile(name: string, header: readonly string[], rows: readonly (readonly string[])[]): ExportedFile {
  const text = stringify([header, ...rows], { quoted_match: /[\s,;"]/ });
  return { name, content: Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(text, 'utf8')]) };
}

/** A file name safe on every system: letters, digits, dashes, with the day ("history-2026-11-30.csv"). */
export function fileName(stem: string, day: string): string {
  return `${stem.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}-${day}.csv`;
}
