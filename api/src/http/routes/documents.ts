import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { Deps } from '../../services/context.ts';
import { getDocument } from '../../services/get-document.ts';
import { getMail } from '../../services/get-mail.ts';
import { readFile } from '../../services/read-file.ts';
import { actorOf } from '../context.ts';

/** RFC 6266 Content-Disposition that keeps Swedish letters in the file name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** /documents: read a registered document, its files, and the mail it holds. */
export function documentsRouter(deps: Deps): Router {
  const router = Router();

  router.get('/documents/:id', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json(await getDocument(deps, actorOf(res), req.params.id));
  });

  router.get('/documents/:id/mail', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json(await getMail(deps, actorOf(res), req.params.id));
  });

  router.get('/documents/:id/files/:fileId', async (req, res) => {
    const { file, content } = await readFile(deps, actorOf(res), req.params.id, req.params.fileId);
    res.set({
      'Content-Type': file.mediaType,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.name),
      'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
      ETag: `"${file.sha256}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
    // An integrity failure shows only at the end of the stream: the response is cut off,
    // so the client never takes damaged bytes for the real file.
    await pipeline(content, res).catch(() => res.destroy());
  });

  return router;
}
