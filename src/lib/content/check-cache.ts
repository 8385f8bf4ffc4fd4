/**
 * What `findUnsafeContent` found in each body, kept between checks: parsing
 * every body is most of a check's time (≈ 2 s at 6,000 articles), and a
 * repeat check or build usually sees all but a few bodies again. Beside it,
 * the data of each frontmatter's YAML (see YamlMemo), a third of a repeat
 * check. One JSON file, keyed by hashes of the texts; its header names the rules the
 * results were made by (the caller's hash of the checker's sources and
 * parser), so a file from other rules counts as empty, as does one that
 * cannot be read or parsed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-file.ts';
import path from 'node:path';
import type { YamlMemo } from './frontmatter.ts';
import { findUnsafeContent, type SafetyViolation } from './mdx-safety.ts';

/** Where the cache lives and which rules its results hold for. */
export interface CheckCacheOptions {
  file: string;
  /** Changes whenever the checker could find something else in the same body. */
  rules: string;
}

/** Tells this file from any other JSON that might sit at the same path. */
const FORMAT = 'jianbao-check-cache/2';

interface CacheFile {
  format: typeof FORMAT;
  rules: string;
  entries: Record<string, SafetyViolation[]>;
  /** Hash of a YAML text → its data. */
  yaml: Record<string, unknown>;
}

interface Loaded {
  entries: Map<string, SafetyViolation[]>;
  yaml: Map<string, unknown>;
}

function isViolation(v: unknown): v is SafetyViolation {
  if (typeof v !== 'object' || v === null) return false;
  const { line, message, syntax } = v as Record<string, unknown>;
  return Number.isInteger(line) && typeof message === 'string' && (syntax === undefined || syntax === true);
}

/** The entries of a cache file, or none when it is missing, damaged, foreign or of other rules. */
async function load(options: CheckCacheOptions): Promise<Loaded> {
  const none = (): Loaded => ({ entries: new Map(), yaml: new Map() });
  let data: Partial<CacheFile>;
  try {
    data = JSON.parse(await readFile(options.file, 'utf8'));
  } catch {
    return none();
  }
  if (typeof data !== 'object' || data === null || data.format !== FORMAT || data.rules !== options.rules) return none();
  if (typeof data.entries !== 'object' || data.entries === null || typeof data.yaml !== 'object' || data.yaml === null) return none();
  const loaded = none();
  for (const [key, found] of Object.entries(data.entries)) {
    // One bad entry means the file is not what this code wrote: trust none of it.
    if (!Array.isArray(found) || !found.every(isViolation)) return none();
    loaded.entries.set(key, found);
  }
  // Data as the YAML parser gave it; the schema that reads it judges it as it would a fresh parse.
  for (const [key, value] of Object.entries(data.yaml)) if (value !== undefined && value !== null) loaded.yaml.set(key, value);
  return loaded;
}

function keyOf(body: string, format: 'mdx' | 'md' | 'yaml'): string {
  return createHash('sha256').update(`${format}\0`).update(body).digest('base64url');
}

/** `findUnsafeContent` through a cache; without options, a pass-through that still counts parses. */
export interface BodyChecker {
  /** What `findUnsafeContent(body, format)` finds, from the cache when this body was seen before. */
  unsafe(body: string, format: 'mdx' | 'md'): SafetyViolation[];
  /** Bodies parsed so far (not found in the cache). */
  readonly parsed: number;
  /** The data of YAML texts seen before, for the content reader (none without a cache). */
  readonly yaml?: YamlMemo;
  /** YAML texts the reader had to parse (not found in the cache). */
  readonly yamlParsed: number;
  /** Writes the results of this run's bodies, only these, when they differ from what was loaded. */
  save(): Promise<void>;
}

/** Opens the cache (empty when it cannot be used) for one check. */
export async function openCheckCache(options?: CheckCacheOptions): Promise<BodyChecker> {
  const { entries: loaded, yaml: loadedYaml } = options ? await load(options) : { entries: new Map<string, SafetyViolation[]>(), yaml: new Map<string, unknown>() };
  const used = new Map<string, SafetyViolation[]>();
  const usedYaml = new Map<string, unknown>();
  let yamlParsed = 0;
  let yamlAdded = 0;
  let parsed = 0;
  return {
    yaml: options && {
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
    },
    get yamlParsed() {
      return yamlParsed;
    },
    unsafe(body, format) {
      if (!options) {
        parsed++;
        return findUnsafeContent(body, format);
      }
      const key = keyOf(body, format);
      let found = used.get(key) ?? loaded.get(key);
      if (!found) {
        found = findUnsafeContent(body, format);
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
      const data: CacheFile = { format: FORMAT, rules: options.rules, entries: Object.fromEntries(used), yaml: Object.fromEntries(usedYaml) };
      // Written aside and renamed over the old file, so a process killed while writing leaves the
      // old file or the new one, never half of one. A cache that cannot be written costs the next
      // check its time, nothing else, so that is not this check's failure.
      try {
        await mkdir(path.dirname(options.file), { recursive: true });
        await writeFileAtomic(options.file, JSON.stringify(data));
      } catch {
        // Not this check's failure (see above).
      }
    },
  };
}
