import type { NextFunction, Request, Response } from 'express';
import type { HelmetOptions } from 'helmet';
import { AppError } from '../common/errors';

/**
 * Helmet's defaults, with a CSP that allows this app's own scripts and styles only (the pages load external
 * module scripts; no inline script runs). upgrade-insecure-requests is dropped: `npm start` serves plain
 * HTTP on a LAN address, where upgrading the page's own requests to HTTPS would break every page.
 */
export const securityHeaders: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'font-src': ["'self'", 'data:'],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'upgrade-insecure-requests': null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * Refuses a multipart upload whose declared size is over the limit before a byte of it is read (413).
 * A chunked upload has no declared size: the upload route's own multer `limits.fileSize` catches that one.
 */
export function rejectOversizedUploads(limitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const type = req.headers['content-type'] ?? '';
    const length = Number(req.headers['content-length'] ?? 0);
    if (type.startsWith('multipart/') && length > limitBytes) {
      res.set('Connection', 'close');
      req.resume();
      next(new AppError('upload-too-large', `upload too large: at most ${humanSize(limitBytes)}`));
      return;
    }
    next();
  };
}

const humanSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
