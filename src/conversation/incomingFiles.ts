/**
 * Files an admin sends the bot (issue 22): Teams delivers a file attached in the personal chat as
 * an attachment with a download URL. The Teams layer lists them for the turn; a conversation that
 * reads files (its descriptor's `readsFiles`) asks the Teams layer to fetch one, only from the URL
 * Teams gave for that attachment, bounded in size and time.
 */
export interface IncomingFile {
  name: string;
  /** The file's type as Teams gives it ("csv", "xlsx"). */
  fileType: string;
}

export type Download = { kind: 'ok'; bytes: Buffer } | { kind: 'too_big' } | { kind: 'failed' };

/** At most this many bytes are read from a file (issue 22: 1 MB). */
export const FILE_MAX_BYTES = 1_048_576;
