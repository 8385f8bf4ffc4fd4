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
      // GFM would turn https://… or www.… into a link whose path swallows the
      // backslash of a following \< (leaving a raw <); breaking the pattern keeps the text literal.
      .replace(/(https?)(:\/\/)/gi, '$1\\$2')
      .replace(/(www)\./gi, '$1\\.')
      // Line starts that would make a list, heading, quote, rule or setext underline.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
      // A paragraph starting with the word import/export is ESM (code) to MDX;
      // a backslash does not escape a letter, a character reference does.
      .replace(/^([ie])(?=(?:mport|xport)\b)/, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
  );
}

/** Reverses escapeMdxText (for checks that read imported files back). */
export function unescapeMdxText(text: string): string {
  return text.replace(/^&#x(69|65);/, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\([\\`*_{}[\]<>|~&!#+=.):-])/g, '$1');
}
