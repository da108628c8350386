"use client";
// Browser upload: begin an import, stream each file as the raw body of a PUT
// (XHR for progress events; no multipart, no size cap), then start it.
import { api } from "@/lib/client/api";
import type { ImportRow } from "./types";

function putFile(url: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status < 300) return resolve();
      let detail = `${xhr.status}`;
      try {
        detail = (JSON.parse(xhr.responseText) as { detail?: string }).detail ?? detail;
      } catch {
        /* not JSON */
      }
      reject(new Error(`${file.name}: ${detail}`));
    };
    xhr.onerror = () => reject(new Error(`${file.name}: the connection dropped; try again`));
    xhr.send(file);
  });
}

export async function uploadFiles(projectId: number, files: File[], onProgress: (fraction: number) => void): Promise<ImportRow> {
  const imp = await api<ImportRow>(`/api/projects/${projectId}/imports`, { method: "POST", json: { files: files.map((f) => f.name) } });
  const total = files.reduce((s, f) => s + f.size, 0) || 1;
  let done = 0;
  for (const f of files) {
    await putFile(`/api/imports/${imp.id}/files?name=${encodeURIComponent(f.name)}`, f, (sent) => onProgress((done + sent) / total));
    done += f.size;
  }
  onProgress(1);
  return api<ImportRow>(`/api/imports/${imp.id}/start`, { method: "POST" });
}
