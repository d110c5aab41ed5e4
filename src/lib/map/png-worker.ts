// PNG encoding off the page's thread: a bitmap in, a PNG out (the page's own encoder waits for idle time).

/** A job: the image (transferred) and an id for the reply. */
export interface PngJob {
  id: number;
  bitmap: ImageBitmap;
}

/** The reply: the PNG, or why there is none. */
export interface PngDone {
  id: number;
  blob?: Blob;
  error?: string;
}

self.onmessage = async (e: MessageEvent<PngJob>) => {
  const { id, bitmap } = e.data;
  let reply: PngDone;
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('bitmaprenderer');
    if (!ctx) throw new Error('no bitmap canvas');
    // Takes the bitmap over without copying it.
    ctx.transferFromImageBitmap(bitmap);
    reply = { id, blob: await canvas.convertToBlob({ type: 'image/png' }) };
  } catch (err) {
    bitmap.close();
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  postMessage(reply);
};
