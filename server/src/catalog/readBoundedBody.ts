// Reads a response body but refuses to hold more than `maxBytes`: a misbehaving
// server (or a proxy's error page streamed forever) must not fill the language
// server's memory. The declared length is checked first, the stream as it arrives.

export type BoundedBody = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly bytesSeen: number };

export async function readBoundedBody(response: Response, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, bytesSeen: declared };
  }
  if (!response.body) return { ok: true, text: '' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, bytesSeen: total };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}
