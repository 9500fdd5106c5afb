import type { Attachment, FileConsentCardResponse } from 'botbuilder';
import { z } from 'zod';
import type { Download, IncomingFile } from '../conversation/incomingFiles.js';

/**
 * Sending a file to a Teams user (issue 22), the way Teams lets a bot: a FileConsentCard in the
 * personal chat; on Accept, Teams invokes the bot (`fileConsent/invoke`) with an upload session,
 * the bot PUTs the bytes there, then posts a FileInfoCard pointing at the file in the user's
 * OneDrive. https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
 */
export function fileConsentCard(offer: {
  name: string;
  description: string;
  sizeInBytes: number;
  context: unknown;
}): Attachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: offer.name,
    content: {
      description: offer.description,
      sizeInBytes: offer.sizeInBytes,
      acceptContext: offer.context,
      declineContext: offer.context,
    },
  };
}

const UploadInfo = z.object({
  name: z.string().min(1).max(300),
  uploadUrl: z.string().url().max(4000),
  contentUrl: z.string().url().max(4000),
  uniqueId: z.string().min(1).max(300),
  fileType: z.string().max(20).optional(),
});
export type UploadInfo = z.infer<typeof UploadInfo>;

/** The upload session of an accepted consent, if it is one the bot may write to. */
export function uploadInfoOf(response: FileConsentCardResponse | undefined): UploadInfo | undefined {
  const parsed = UploadInfo.safeParse(response?.uploadInfo);
  if (!parsed.success) return undefined;
  return safeUploadUrl(parsed.data.uploadUrl) ? parsed.data : undefined;
}

/**
 * Teams' upload sessions are https (OneDrive); plain http only on loopback, where tests and the
 * local playground stand in for it. Anything else is refused: the invoke's content comes from the
 * client, and the bot must not be made to send data elsewhere.
 */
export function safeUploadUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return false;
    if (parsed.protocol === 'https:') return true;
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** PUTs the whole file in one range, as the upload session expects; bounded in time. */
export async function uploadFile(uploadUrl: string, content: Buffer, timeoutMs: number): Promise<void> {
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    // The length header is the HTTP client's to set, from the body itself.
    headers: { 'content-range': `bytes 0-${content.length - 1}/${content.length}` },
    body: new Uint8Array(content),
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`The upload was refused (${response.status})`);
}

/** The card that shows the uploaded file in the chat. */
export function fileInfoCard(info: UploadInfo): Attachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.info',
    contentUrl: info.contentUrl,
    name: info.name,
    content: { uniqueId: info.uniqueId, fileType: info.fileType ?? 'csv' },
  };
}

/** A file attached to a message in the personal chat, with the URL Teams gave for it. */
export interface AttachedFile {
  file: IncomingFile;
  downloadUrl: string;
}

const DownloadInfo = z.object({ downloadUrl: z.string().url().max(4000), fileType: z.string().max(20).optional() });

/** The files of a message: Teams' download-info attachments, the rest (cards, images) left aside. */
export function attachedFiles(attachments: readonly Attachment[] | undefined): AttachedFile[] {
  return (attachments ?? []).flatMap((attachment) => {
    if (attachment.contentType !== 'application/vnd.microsoft.teams.file.download.info') return [];
    const parsed = DownloadInfo.safeParse(attachment.content);
    if (!parsed.success) return [];
    const name = (attachment.name ?? '').slice(0, 300);
    const fileType = (parsed.data.fileType ?? name.split('.').pop() ?? '').toLowerCase();
    return [{ file: { name, fileType }, downloadUrl: parsed.data.downloadUrl }];
  });
}

/**
 * Reads a file from the URL Teams gave for it: https only (http on loopback, for tests), no
 * redirects, at most `maxBytes` (read as it arrives: a larger file is stopped, not loaded), within
 * `timeoutMs`.
 */
export async function downloadFile(url: string, maxBytes: number, timeoutMs: number): Promise<Download> {
  if (!safeUploadUrl(url)) return { kind: 'failed' };
  try {
    const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok || !response.body) return { kind: 'failed' };
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body.cancel();
      return { kind: 'too_big' };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) return { kind: 'too_big' };
      chunks.push(Buffer.from(chunk));
    }
    return { kind: 'ok', bytes: Buffer.concat(chunks) };
  } catch {
    return { kind: 'failed' };
  }
}
