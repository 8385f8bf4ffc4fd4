/**
 * What `findUnsafeContent` found in each body, kept between checks: parsing
 * every body is most of a check's time (≈ 2 s at 6,000 articles), and a
 * repeat check or build usually sees all but a few bodies again. Beside it,
 * the data of each frontmatter's YAML (see YamlMemo), a third of a repeat
 * check. One file, keyed by hashes of the texts: a header line naming the
 * rules the results were made by (the caller's hash of the checker's sources
 * and parsers) and the hash of the rest, then the results as JSON. A file of
 * other rules counts as empty, as does one that cannot be read or parsed, or
 * whose content is not the content it was written with (a cached title would
 * otherwise be built into the listing pages).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-file.ts';
import path from 'node:path';
import { bytesDigest } from '../digest.ts';
import type { YamlMemo } from './frontmatter.ts';
import { scanBody, type BodyScan, type SafetyViolation } from './mdx-safety.ts';

/** Where the cache lives and which rules its results hold for. */
export interface CheckCacheOptions {
  file: string;
  /** Changes whenever the checker could find something else in the same body. */
  rules: string;
}

/** Tells this file from any other that might sit at the same path. */
const FORMAT = 'jianbao-check-cache/3';

/** The first line of the file. */
interface Header {
  format: typeof FORMAT;
  rules: string;
  /** bytesDigest of the rest of the file. */
  sum: string;
}

/** The rest of the file. */
interface Results {
  entries: Record<string, BodyScan>;
  /** Hash of a YAML text → its data. */
  yaml: Record<string, unknown>;
}

interface Loaded {
  entries: Map<string, BodyScan>;
  yaml: Map<string, unknown>;
}

function isViolation(v: unknown): v is SafetyViolation {
  if (typeof v !== 'object' || v === null) return false;
  const { line, message, syntax } = v as Record<string, unknown>;
  return Number.isInteger(line) && typeof message === 'string' && (syntax === undefined || syntax === true);
}

function isScan(v: unknown): v is BodyScan {
  if (typeof v !== 'object' || v === null) return false;
  const { violations, images } = v as Record<string, unknown>;
  const isImage = (i: unknown) => typeof i === 'object' && i !== null && typeof (i as Record<string, unknown>).path === 'string' && Number.isInteger((i as Record<string, unknown>).line);
  return Array.isArray(violations) && violations.every(isViolation) && Array.isArray(images) && images.every(isImage);
}

/** The header of a cache file's first line, if it is one of this format and these rules. */
function headerOf(line: string, options: CheckCacheOptions): Header | undefined {
  try {
    const h = JSON.parse(line) as Partial<Header>;
    return typeof h === 'object' && h !== null && h.format === FORMAT && h.rules === options.rules && typeof h.sum === 'string' ? (h as Header) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the cache file is there and of these rules, from its first line only
 * (the build starts its first page process beside a check that has a cache).
 */
export function hasCheckCache(options: CheckCacheOptions): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(options.file, 'r');
    const head = Buffer.alloc(1024);
    const line = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').split('\n')[0];
    return headerOf(line, options) !== undefined;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The entries of a cache file, or none when it is missing, damaged, foreign or of other rules. */
async function load(options: CheckCacheOptions): Promise<Loaded> {
  const none = (): Loaded => ({ entries: new Map(), yaml: new Map() });
  let data: Partial<Results>;
  try {
    const text = await readFile(options.file, 'utf8');
    const cut = text.indexOf('\n');
    const header = headerOf(text.slice(0, cut), options);
    if (cut < 0 || !header || bytesDigest(text.slice(cut + 1)) !== header.sum) return none();
    data = JSON.parse(text.slice(cut + 1));
  } catch {
    return none();
  }
  if (typeof data !== 'object' || data === null || typeof data.entries !== 'object' || data.entries === null || typeof data.yaml !== 'object' || data.yaml === null) return none();
  const loaded = none();
  for (const [key, found] of Object.entries(data.entries)) {
    // One bad entry means the file is not what this code wrote: trust none of it.
    if (!isScan(found)) return none();
    loaded.entries.set(key, found);
  }
  // Data as the YAML parser gave it; the schema that reads it judges it as it would a fresh parse.
  for (const [key, value] of Object.entries(data.yaml)) if (value !== undefined && value !== null) loaded.yaml.set(key, value);
  return loaded;
}

function keyOf(body: string, format: 'mdx' | 'md' | 'yaml'): string {
  return createHash('sha256').update(`${format}\0`).update(body).digest('base64url');
}

/** `scanBody` through a cache; without options, a pass-through that still counts parses. */
export interface BodyChecker {
  /** What `scanBody(body, format)` finds, from the cache when this body was seen before. */
  scan(body: string, format: 'mdx' | 'md'): BodyScan;
  /** Bodies parsed so far (not found in the cache). */
  readonly parsed: number;
  /** The data of YAML texts seen before, for the content reader (without a cache, one that only counts). */
  readonly yaml: YamlMemo;
  /** YAML texts the reader had to parse (not found in the cache). */
  readonly yamlParsed: number;
  /** Writes the results of this run's bodies, only these, when they differ from what was loaded. */
  save(): Promise<void>;
}

/** Opens the cache (empty when it cannot be used) for one check. */
export async function openCheckCache(options?: CheckCacheOptions): Promise<BodyChecker> {
  const { entries: loaded, yaml: loadedYaml } = options ? await load(options) : { entries: new Map<string, BodyScan>(), yaml: new Map<string, unknown>() };
  const used = new Map<string, BodyScan>();
  const usedYaml = new Map<string, unknown>();
  let yamlParsed = 0;
  let yamlAdded = 0;
  const yaml: YamlMemo = options
    ? {
        get(text) {
          const key = keyOf(text, 'yaml');
          const data = usedYaml.get(key) ?? loadedYaml.get(key);
          if (data !== undefined) usedYaml.set(key, data);
          else yamlParsed++;
          return data;
        },
        set(text, data) {
          usedYaml.set(keyOf(text, 'yaml'), data);
          yamlAdded++;
        },
      }
    : { get: () => void yamlParsed++ };
  let parsed = 0;
  return {
    yaml,
    get yamlParsed() {
      return yamlParsed;
    },
    scan(body, format) {
      if (!options) {
        parsed++;
        return scanBody(body, format);
      }
      const key = keyOf(body, format);
      let found = used.get(key) ?? loaded.get(key);
      if (!found) {
        found = scanBody(body, format);
        parsed++;
      }
      used.set(key, found);
      return found;
    },
    get parsed() {
      return parsed;
    },
    async save() {
      // Nothing parsed and every loaded entry used: the file already says exactly this.
      if (!options || (parsed === 0 && used.size === loaded.size && yamlAdded === 0 && usedYaml.size === loadedYaml.size)) return;
      const results: Results = { entries: Object.fromEntries(used), yaml: Object.fromEntries(usedYaml) };
      const body = JSON.stringify(results);
      const header: Header = { format: FORMAT, rules: options.rules, sum: bytesDigest(body) };
      // Written aside and renamed over the old file, so a process killed while writing leaves the
      // old file or the new one, never half of one. A cache that cannot be written costs the next
      // check its time, nothing else, so that is not this check's failure.
      try {
        await mkdir(path.dirname(options.file), { recursive: true });
        await writeFileAtomic(options.file, `${JSON.stringify(header)}\n${body}`);
      } catch {
        // Not this check's failure (see above).
      }
    },
  };
}
