/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` become \u escapes so no value can close
 * the script element (`</script>`) or open a comment; U+2028/U+2029 are escaped for older JSON-in-JS readers.
 * JSON.parse reads the result back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** What a data explorer island carries from server to browser. */
export type ExplorerPayload = { version: 1; title: string; columns: string[]; rows: (string | number | null)[][] }

export const DATA_EXPLORER_ISLAND = 'data-explorer'
