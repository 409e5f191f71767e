import { safeArchiveName } from './file-types.js';

/** manifest.json of an evidence pack: what is in it, with the SHA-256 of every file. */
export interface PackManifest {
  generatedAt: string;
  organization: { slug: string; name: string };
  generatedBy: string;
  filters: Record<string, string | string[]>;
  items: PackItem[];
}

export interface PackItem {
  id: string;
  title: string;
  kind: string;
  owner: { name: string; email: string } | null;
  collectedOn: string | null;
  expiresOn: string | null;
  url: string | null;
  note: string | null;
  files: PackFile[];
  links: { type: string; key: string; label: string }[];
}

export interface PackFile {
  /** the entry's path inside the zip */
  path: string;
  sha256: string;
  size: number;
  mediaType: string;
  versionNo: number;
}

export const packFilePath = (evidenceId: string, versionNo: number, fileName: string): string =>
  `files/${evidenceId}/${versionNo}-${safeArchiveName(fileName)}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const hrefOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function itemRow(item: PackItem): string {
  const e = escapeHtml;
  const files = item.files
    .map(
      (f) => `<a href="${e(hrefOf(f.path))}">${e(f.path.split('/').pop() ?? f.path)}</a><br><code>${e(f.sha256)}</code> (${f.size} bytes)`,
    )
    .join('<br>');
  const source = item.url ? `<a href="${e(item.url)}" rel="noreferrer">${e(item.url)}</a>` : '';
  const note = item.note ? `<div class="note">${e(item.note)}</div>` : '';
  const links = item.links.map((l) => `<li>${e(l.type)}: ${e(l.label)}</li>`).join('');
  return [
    '<tr>',
    `<td><strong>${e(item.title)}</strong><br><small>${e(item.id)}</small>${note}</td>`,
    `<td>${e(item.kind)}</td>`,
    `<td>${item.owner ? `${e(item.owner.name)}<br><small>${e(item.owner.email)}</small>` : ''}</td>`,
    `<td>${e(item.collectedOn ?? '')}</td>`,
    `<td>${e(item.expiresOn ?? '')}</td>`,
    `<td>${files}${source}</td>`,
    `<td>${links ? `<ul>${links}</ul>` : ''}</td>`,
    '</tr>',
  ].join('');
}

/** index.html of the pack: a table a person can read offline, linking into files/ and showing each hash. */
export function renderPackIndex(m: PackManifest): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Evidence pack — ${e(m.organization.name)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4rem; vertical-align: top; text-align: left; }
code { font-size: .75rem; word-break: break-all; }
.note { white-space: pre-wrap; margin-top: .4rem; }
</style>
</head>
<body>
<h1>Evidence pack — ${e(m.organization.name)}</h1>
<p>Generated ${e(m.generatedAt)} by ${e(m.generatedBy)}. ${m.items.length} item(s). Each file's SHA-256 is listed; manifest.json holds the same in machine-readable form.</p>
<table>
<thead><tr><th>Evidence</th><th>Kind</th><th>Owner</th><th>Collected</th><th>Expires</th><th>Files / source</th><th>Supports</th></tr></thead>
<tbody>
${m.items.map(itemRow).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
