/** Worker entry: loads the bundles it is sent, one at a time, and posts each result back. */
import { parentPort } from 'node:worker_threads';
import { SitrepError } from '../../errors.js';
import { loadOne } from './load-one.js';
import type { LoadRequest, LoadReply } from './load-all.js';

parentPort?.on('message', (req: LoadRequest) => {
  loadOne(req.bundle, req.limits, { split: req.split ?? false }).then(
    (loaded): void => parentPort?.postMessage({ index: req.index, ok: true, loaded } satisfies LoadReply),
    (err: unknown): void => {
      const e =
        err instanceof SitrepError
          ? { code: err.code, message: err.message, file: err.file, line: err.line, stack: err.stack }
          : { code: null, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
      parentPort?.postMessage({ index: req.index, ok: false, error: e } satisfies LoadReply);
    },
  );
});
