/**
 * The main thread's side of the content-check worker: a ContentCheck that
 * posts the redacted text and waits only when more than HIGH_WATER chars are
 * unchecked, so memory stays bounded when the check is the slower side.
 */
import type { ContentCheck, Leak, Literal } from '../../redact/index.js';
import { spawnWorker } from './spawn.js';

export type ToCheck =
  { t: 'init'; literals: readonly Literal[] } | { t: 'begin'; bundle: string; member: string } | { t: 'text'; text: string } | { t: 'end' } | { t: 'finish' };
export type FromCheck = { t: 'ack'; chars: number } | { t: 'leaks'; leaks: Leak[] } | { t: 'error'; message: string };

const HIGH_WATER = 8 << 20;

export function workerCheck(literals: readonly Literal[]): ContentCheck {
  const worker = spawnWorker('check');
  let unchecked = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let result: { resolve: (l: Leak[]) => void; reject: (e: Error) => void } | undefined;
  const fail = (e: Error): void => {
    failure ??= e;
    wake?.();
    result?.reject(failure);
  };
  worker.on('message', (m: FromCheck) => {
    if (m.t === 'ack') {
      unchecked -= m.chars;
      if (unchecked <= HIGH_WATER / 2) wake?.();
    } else if (m.t === 'leaks') result?.resolve(m.leaks);
    else fail(new Error(`content check failed: ${m.message}`));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`content check worker exited (${code})`)));
  const post = (m: ToCheck): void => worker.postMessage(m);
  post({ t: 'init', literals });
  return {
    begin: (bundle, member) => post({ t: 'begin', bundle, member }),
    async text(text) {
      if (failure) throw failure;
      post({ t: 'text', text });
      unchecked += text.length;
      if (unchecked > HIGH_WATER) await new Promise<void>((r) => (wake = r));
      wake = undefined;
      if (failure) throw failure;
    },
    end: () => post({ t: 'end' }),
    finish: () =>
      new Promise<Leak[]>((resolve, reject) => {
        if (failure) return reject(failure);
        result = { resolve, reject };
        post({ t: 'finish' });
      }),
    close: () => void worker.terminate(),
  };
}
