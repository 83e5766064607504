/**
 * Which technology (PostgreSQL, MySQL, nginx, Apache) a log or a command is
 * about, from the parser that read the log and its path. Presentation only:
 * the verdict names the technology, and a next command for a technology that
 * is in none of the host's logs (MySQL commands in a PostgreSQL incident,
 * nginx's error log on an app server) is left out.
 */
import type { Analysis, Finding } from '../diagnosis/types.js';
import { techOfEvidence } from '../diagnosis/phrase.js';
import { techOfLog, type Tech } from '../diagnosis/phrases.js';

export { techOfLog, type Tech };

/** What a command needs to be useful: its tool or the log it reads. */
export function techOfCommand(cmd: string): Tech | null {
  if (/(^|[\s|;&/])(mysql|mysqladmin|mysqldump|mysqld)\b|\bmysql\//i.test(cmd)) return 'MySQL';
  if (/(^|[\s|;&/])(psql|pg_[a-z]+)\b|\bpostgresql\//i.test(cmd)) return 'PostgreSQL';
  if (/\bnginx\b/i.test(cmd)) return 'nginx';
  if (/\b(apache2?|httpd|apache2ctl|apachectl)\b/i.test(cmd)) return 'Apache';
  return null;
}

/** The technologies whose logs a host's bundle holds (every host when `host` is omitted). */
export function techsPresent(a: Analysis, host?: string): Set<Tech> {
  const out = new Set<Tech>();
  for (const q of a.dataQuality) {
    if (host !== undefined && q.host !== host) continue;
    for (const l of q.logs) {
      const t = techOfLog(l.parser, l.artifact);
      if (t) out.add(t);
    }
  }
  return out;
}

/** The technology a finding's evidence comes from, when its evidence is a known log. */
export function techOfFinding(a: Analysis, f: Finding): Tech | null {
  return techOfEvidence(f, a.dataQuality.find((q) => q.host === f.host)?.logs ?? []);
}

/** Commands for a technology no bundle of `host` shows are dropped; commands for no particular technology stay. */
export function commandsFor(a: Analysis, cmds: readonly string[], host?: string): string[] {
  const present = techsPresent(a, host);
  return cmds.filter((c) => {
    const t = techOfCommand(c);
    return t === null || present.has(t);
  });
}
