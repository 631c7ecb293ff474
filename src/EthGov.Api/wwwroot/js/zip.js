// Reads the files of a ZIP archive in the browser (stored and deflate entries, as every common tool writes them), so
// a clerk's archive is hashed here and never uploaded. Sizes are checked from the central directory before anything is
// inflated, and each inflated entry must come out at its declared size, so a lying archive cannot fill the memory.

export class ZipError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

const u16 = (view, at) => view.getUint16(at, true);
const u32 = (view, at) => view.getUint32(at, true);

function endOfDirectory(view) {
  // The end record sits in the last 22 bytes plus a comment of up to 65,535 bytes.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (u32(view, at) === 0x06054b50) {
      return at;
    }
  }
  throw new ZipError('invalid');
}

/**
 * The archive's file entries (folders left out): name, declared size, and read() giving the bytes. Throws ZipError with
 * reason invalid, encrypted, method or zip64; or, past the limits, tooManyFiles / tooManyBytes with the counts.
 */
export async function zipEntries(blob, { maxFiles, maxBytes }) {
  const buffer = await blob.arrayBuffer();
  const view = new DataView(buffer);
  const end = endOfDirectory(view);
  const count = u16(view, end + 10);
  let at = u32(view, end + 16);
  if (count === 0xffff || at === 0xffffffff) {
    throw new ZipError('zip64');
  }
  const names = new TextDecoder('utf-8');
  const entries = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.byteLength || u32(view, at) !== 0x02014b50) {
      throw new ZipError('invalid');
    }
    const flags = u16(view, at + 8);
    const method = u16(view, at + 10);
    const compressed = u32(view, at + 20);
    const size = u32(view, at + 24);
    const nameLength = u16(view, at + 28);
    const next = at + 46 + nameLength + u16(view, at + 30) + u16(view, at + 32);
    const name = names.decode(new Uint8Array(buffer, at + 46, nameLength));
    const local = u32(view, at + 42);
    at = next;
    if (name.endsWith('/')) {
      continue;
    }
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) {
      throw new ZipError('zip64');
    }
    if (flags & 1) {
      throw new ZipError('encrypted');
    }
    if (method !== 0 && method !== 8) {
      throw new ZipError('method');
    }
    bytes += size;
    entries.push({ name, size, read: () => inflate(buffer, view, local, compressed, size, method) });
  }
  if (entries.length > maxFiles) {
    throw Object.assign(new ZipError('tooManyFiles'), { count: entries.length });
  }
  if (bytes > maxBytes) {
    throw Object.assign(new ZipError('tooManyBytes'), { bytes });
  }
  return entries;
}

async function inflate(buffer, view, local, compressed, size, method) {
  if (local + 30 > view.byteLength || u32(view, local) !== 0x04034b50) {
    throw new ZipError('invalid');
  }
  const start = local + 30 + u16(view, local + 26) + u16(view, local + 28);
  if (start + compressed > view.byteLength) {
    throw new ZipError('invalid');
  }
  const data = new Uint8Array(buffer, start, compressed);
  if (method === 0) {
    if (compressed !== size) {
      throw new ZipError('invalid');
    }
    return data;
  }
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const out = new Uint8Array(size);
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      if (filled + value.length > size) {
        throw new ZipError('invalid');
      }
      out.set(value, filled);
      filled += value.length;
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error instanceof ZipError ? error : new ZipError('invalid');
  }
  if (filled !== size) {
    throw new ZipError('invalid');
  }
  return out;
}
