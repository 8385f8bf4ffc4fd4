/**
 * Bulletin text must render literally in MDX: `<script>`, `{…}` and Markdown
 * punctuation in an old bulletin are words, not code. These escapes are the
 * inverse of what MDX/CommonMark do with a backslash.
 */

// Inline characters MDX or Markdown would interpret anywhere in a line.
const INLINE = /[\\`*_{}[\]<>|~&!#]/g;

/** Escapes one paragraph so MDX renders it as exactly this text. */
export function escapeMdxText(text: string): string {
  return (
    text
      .replace(INLINE, (c) => `\\${c}`)
      // Line starts that would make a list, heading, quote, rule or setext underline.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/** Reverses escapeMdxText (for checks that read imported files back). */
export function unescapeMdxText(text: string): string {
  return text.replace(/\\([\\`*_{}[\]<>|~&!#+=.)-])/g, '$1');
}
