// Sends a notice's attachment to /api/uploads/notice-file (checked and stored by the server),
// with upload progress (XMLHttpRequest: fetch reports none for request bodies).
export type TNoticeFile = { id: string; kind: "image" | "pdf"; name: string; bytes: number; url: string };
export type TNoticeUploadResult = ({ ok: true } & TNoticeFile) | { ok: false; reason: "type" | "size" | "rateLimited" | "failed"; seconds?: number };

export const NOTICE_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"];
export const MAX_NOTICE_FILE_BYTES = 5 * 1024 * 1024;

export function uploadNoticeFile(file: File, onProgress: (percent: number) => void): Promise<TNoticeUploadResult> {
  if (!NOTICE_FILE_TYPES.includes(file.type)) return Promise.resolve({ ok: false, reason: "type" });
  if (file.size > MAX_NOTICE_FILE_BYTES) return Promise.resolve({ ok: false, reason: "size" });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/uploads/notice-file?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", file.type);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => resolve({ ok: false, reason: "failed" });
    xhr.onload = () => {
      let body: Partial<TNoticeFile> & { error?: string; seconds?: number } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* not JSON: a proxy's page */
      }
      if (xhr.status === 201 && body.id && body.url && body.name && body.kind) return resolve({ ok: true, id: body.id, kind: body.kind, name: body.name, bytes: body.bytes ?? file.size, url: body.url });
      if (body.error === "PHOTO_TOO_LARGE" || xhr.status === 413) return resolve({ ok: false, reason: "size" });
      if (body.error === "FILE_INVALID" || body.error === "PHOTO_INVALID") return resolve({ ok: false, reason: "type" });
      if (body.error === "RATE_LIMITED") return resolve({ ok: false, reason: "rateLimited", seconds: body.seconds ?? 60 });
      resolve({ ok: false, reason: "failed" });
    };
    xhr.send(file);
  });
}
