import { ApiError, csrfHeaders, errorFromBody, notifyUnauthenticated } from './client';

/**
 * POSTs a multipart form with upload progress (fetch cannot report it, so this uses XMLHttpRequest). `path` is
 * under /api/v1; fields go before the file, as the server reads them first. Errors are the same ApiError as api().
 */
export function uploadWithProgress<T>(
  path: string,
  file: File,
  fields: Record<string, string | undefined>,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [header, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(header, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) notifyUnauthenticated();
      reject(errorFromBody(xhr.status, body));
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
