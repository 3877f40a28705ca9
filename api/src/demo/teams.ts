import { deflateSync } from 'node:zlib';

// The demo's Teams team and channel, whose files folder the dev Graph fills with Swedish
// sample files, made here in code: a PDF, a Word document and a picture.

export const DEMO_TEAM = {
  id: '8b3f6c2d-41a7-4e59-9d0b-6a1e2f3c4d5e',
  displayName: 'Ekby kommun – Projekt Sjövik',
  channel: { id: '19:5a9e3c1b7d2f4e60a8b1c2d3e4f5a6b7@thread.tacv2', displayName: 'Detaljplan Sjövik 2:14' },
} as const;

/** A second channel of the demo team, without a Diarium tab yet: where to try configuring one. */
export const DEMO_GENERAL_CHANNEL = { id: '19:0c7d2e9f3a1b4c5d8e6f7a8b9c0d1e2f@thread.tacv2', displayName: 'Allmänt' } as const;

/** The case the demo channel's tab is bound to. */
export const DEMO_CHANNEL_CASE = { diary: 'KS', title: 'Detaljplan för Sjövik 2:14', officer: 'johan.berg@ekby.se' } as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A one-page PDF with lines of text in Helvetica (WinAnsi, so å, ä and ö print). */
export function samplePdf(lines: string[]): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, '\\$&');
  const stream = ['BT', '/F1 12 Tf', '72 770 Td', '16 TL', ...lines.map((l) => `(${escape(l)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A zip of stored (uncompressed) entries. */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal Word document (.docx) with one paragraph a line. */
export function sampleDocx(paragraphs: string[]): Buffer {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${w}"><w:body>${paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlText(p)}</w:t></w:r></w:p>`)
    .join('')}</w:body></w:document>`;
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', data: Buffer.from(document) },
  ]);
}

/** A PNG picture: a lake-blue band under a sky, with a green shore, width × height pixels. */
export function samplePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const colour = y < height * 0.45 ? [158, 203, 232] : y < height * 0.75 ? [38, 98, 148] : [74, 132, 70];
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) row.set(colour, 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The demo channel's files. */
export function demoChannelFiles(): { name: string; content: Buffer; mediaType: string; by: { displayName: string; email: string } }[] {
  const johan = { displayName: 'Johan Berg', email: 'johan.berg@ekby.se' };
  const karin = { displayName: 'Karin Lindqvist', email: 'karin.lindqvist@ekby.se' };
  return [
    {
      name: 'Planbeskrivning Sjövik 2-14 samrådshandling.pdf',
      mediaType: 'application/pdf',
      by: johan,
      content: samplePdf([
        'Detaljplan för Sjövik 2:14, Ekby kommun',
        'Planbeskrivning – samrådshandling',
        '',
        'Planens syfte är att pröva bostäder i form av radhus och',
        'parhus på fastigheten Sjövik 2:14 samt att säkra allmän',
        'tillgång till strandområdet längs Sjöviken.',
      ]),
    },
    {
      name: 'Samrådsredogörelse Sjövik 2-14.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      by: karin,
      content: sampleDocx([
        'Samrådsredogörelse – detaljplan för Sjövik 2:14',
        'Under samrådet kom 14 yttranden in. Lantmäteriet och länsstyrelsen har inga invändningar.',
        'Boende på Strandvägen framför synpunkter på trafiken till området; planen justeras med en ny gångväg.',
      ]),
    },
    { name: 'Flygfoto Sjöviken.png', mediaType: 'image/png', by: johan, content: samplePng(320, 200) },
    {
      name: 'Anteckningar från byggherremöte.txt',
      mediaType: 'text/plain',
      by: johan,
      content: Buffer.from(
        'Byggherremöte 2026-11-12, Sjövik 2:14\n\nNärvarande: Johan Berg (Ekby kommun), Sjöviks Bostäder AB\n- Exploateringsavtal tas fram före granskning.\n- Dagvattenutredningen kompletteras.\n',
      ),
    },
  ];
}
