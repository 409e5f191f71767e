import { inflateSync } from 'node:zlib';
import yauzl from 'yauzl';

/** One entry of a zip (DOCX, XLSX) as text. */
export function zipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('no zip'));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        });
      });
      file.on('end', () => reject(new Error(`${name} not in the zip`)));
      file.readEntry();
    });
  });
}

/** The inflated content of every Flate stream of a PDF. */
export function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = />>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream: skip
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

/** Whether a PDF embeds a subset of the CJK font and maps every character of `chars` to Unicode (ToUnicode CMap). */
export function pdfMapsCjk(pdf: Buffer, chars: string): { embedded: boolean; missing: string[] } {
  const text = pdf.toString('latin1');
  const embedded = /\/FontFile2 \d+ 0 R/.test(text) && /\/BaseFont \/[A-Z]{6}\+NotoSansHK/.test(text);
  const cmap = (pdfStreams(pdf).find((s) => s.includes('begincmap')) ?? '').toLowerCase();
  const missing = [...new Set(chars)].filter((ch) => !cmap.includes(`<${ch.codePointAt(0)!.toString(16).padStart(4, '0')}>`));
  return { embedded, missing };
}
