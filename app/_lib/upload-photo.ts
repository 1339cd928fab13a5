// Sends an image to /api/uploads/photo (checked, resized and stored by the server).
export type TUploadResult =
  | { ok: true; id: string; url: string }
  | { ok: false; reason: "type" | "size" | "rateLimited" | "failed"; seconds?: number };

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export async function uploadPhoto(file: File): Promise<TUploadResult> {
  if (!PHOTO_TYPES.includes(file.type)) return { ok: false, reason: "type" };
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, reason: "size" };
  try {
    const res = await fetch("/api/uploads/photo", { method: "POST", body: file, headers: { "content-type": file.type } });
    const body = (await res.json().catch(() => ({}))) as { id?: string; url?: string; error?: string; seconds?: number };
    if (res.ok && body.id && body.url) return { ok: true, id: body.id, url: body.url };
    if (body.error === "PHOTO_TOO_LARGE") return { ok: false, reason: "size" };
    if (body.error === "PHOTO_INVALID") return { ok: false, reason: "type" };
    if (body.error === "RATE_LIMITED") return { ok: false, reason: "rateLimited", seconds: body.seconds ?? 60 };
    return { ok: false, reason: "failed" };
  } catch {
    return { ok: false, reason: "failed" };
  }
}
