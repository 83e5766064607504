/**
 * File names for messages. A bundle named on Windows (`C:\incident\web1.tar.gz`)
 * or copied from there into a POSIX shell keeps its backslashes, which
 * node:path's POSIX basename would not cut: both separators end a directory.
 */
export function shownName(path: string): string {
  const name = path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
  return name === '' ? path : name;
}
