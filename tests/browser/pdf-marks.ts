// Where marked points of a page land in the PDF Chromium prints: which page holds each marker.
//
// The test puts a link (`https://marker.invalid/<id>`, absolutely positioned at its static place,
// 1 px square, so it moves nothing) at the points it wants to locate: the top and the bottom of
// each table and chart, each item's heading. Chromium (Skia's PDF backend) writes every link as a
// /Link annotation of the page it is painted on, in plain (uncompressed) dictionaries, and the
// pages in a /Pages tree. Reading that tree in order and each page's /Annots gives the page
// number of each marker: the printed layout itself, not an estimate of it.

export interface PdfMarks {
  /** Pages in order (1-based numbers are index + 1). */
  readonly pages: number;
  /** Marker id → the page numbers (1-based) it appears on (more than one if a repeated header carries it). */
  readonly at: ReadonlyMap<string, readonly number[]>;
  /** Each page's size in points. */
  readonly sizes: ReadonlyArray<readonly [number, number]>;
}

const PREFIX = 'https://marker.invalid/';

export function markerUrl(id: string): string {
  return `${PREFIX}${id}`;
}

/** The objects of a PDF written without object streams: number → text up to its `endobj`. */
function objects(pdf: string): Map<number, string> {
  const out = new Map<number, string>();
  const re = /(?:^|\n)(\d+) 0 obj\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pdf)) !== null) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endobj', start);
    out.set(Number(m[1]), pdf.slice(start, end < 0 ? undefined : end));
  }
  return out;
}

function refs(list: string): number[] {
  return [...list.matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
}

export function pdfMarks(bytes: Uint8Array): PdfMarks {
  const pdf = Buffer.from(bytes).toString('latin1');
  const objs = objects(pdf);
  const root = [...objs.entries()].find(([, t]) => /\/Type \/Pages\b/.test(t) && !/\/Parent /.test(t));
  if (!root) throw new Error('no page tree in the PDF');
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const t = objs.get(id) ?? '';
    if (/\/Type \/Pages\b/.test(t)) for (const k of refs(/\/Kids \[([^\]]*)\]/.exec(t)?.[1] ?? '')) walk(k);
    else if (/\/Type \/Page\b/.test(t)) pageIds.push(id);
  };
  walk(root[0]);
  const at = new Map<string, number[]>();
  const sizes: Array<[number, number]> = [];
  pageIds.forEach((id, i) => {
    const t = objs.get(id) ?? '';
    const box = /\/MediaBox \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]/.exec(t);
    sizes.push([Number(box?.[3] ?? 0), Number(box?.[4] ?? 0)]);
    for (const a of refs(/\/Annots \[([^\]]*)\]/.exec(t)?.[1] ?? '')) {
      const uri = /\/URI \(([^)]*)\)/.exec(objs.get(a) ?? '')?.[1];
      if (uri?.startsWith(PREFIX)) {
        const key = uri.slice(PREFIX.length);
        const list = at.get(key) ?? [];
        if (!list.includes(i + 1)) list.push(i + 1);
        at.set(key, list);
      }
    }
  });
  return { pages: pageIds.length, at, sizes };
}
