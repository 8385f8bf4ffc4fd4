/**
 * Files that cannot be read as bulletins say why — damaged, renamed or
 * protected by a password — instead of being misread as text.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importBulletin, sniffFormat } from '../../../../src/lib/editor/import/read.ts';

/** RC4, for the PDF Standard security handler (revision 2). */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

/** A one-page PDF that opens only with a user password (PDF 1.4 §3.5.2, algorithms 3.2–3.4, 40-bit RC4). */
function passwordPdf(userPassword: string): Buffer {
  const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
  const pad = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
  const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const P = -4;
  const O = rc4(md5(pad('owner')).subarray(0, 5), pad(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(P);
  const key = md5(pad(userPassword), O, p, id).subarray(0, 5);
  const U = rc4(key, PAD);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('files that are not what they say', () => {
  it('a .docx or .pdf whose bytes are not one is damaged or renamed, not text without a 期号', () => {
    for (const [bytes, file] of [[Buffer.from('PK\n'), '来稿.docx'], [Buffer.from([0x12, 0x34, 0x9a, 0xbc, 0x41, 0x42]), '来稿.docx'], [Buffer.from('某市工作简报'), '扫描.pdf']] as const) {
      expect(() => sniffFormat(bytes, file), file).toThrow(/^文件名是\.(docx|pdf)，内容却不是(Word 文档|PDF)：文件可能已损坏/);
    }
    // A text file may be named anything else: .txt, or no extension at all.
    expect(sniffFormat(Buffer.from('某市工作简报'), '来稿.txt')).toBe('txt');
    expect(sniffFormat(Buffer.from('某市工作简报'), '来稿')).toBe('txt');
  });

  it('a password-protected Word file asks for the password to be removed, not for a conversion', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(100)]);
    expect(() => sniffFormat(ole, '加密.docx')).toThrow(/^文件设有打开密码，无法读取/);
  });

  it('a password-protected PDF says so, in Chinese', async () => {
    await expect(importBulletin(passwordPdf('secret'), '加密.pdf')).rejects.toThrow(/^PDF 设有打开密码，无法读取/);
  });

  it('a damaged PDF says so', async () => {
    await expect(importBulletin(Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog'), '坏.pdf')).rejects.toThrow(/^PDF 文件已损坏或不完整，无法读取/);
  });
});
