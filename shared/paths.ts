/** File names as they arrive from any host: `dir/w.npz`, `C:\dir\w.npz` or a bare `w.npz`. */

/** The last segment of a `/` or `\` separated path: `dir\sub/w.npz` → `w.npz` (the whole name when it ends in a separator). */
export function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] || name;
}
