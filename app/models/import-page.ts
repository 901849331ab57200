/** What an import page renders (shared by the server action and the page component). */
export type PreviewRow = { row: number; nationalId: string; name: string; action: 'create' | 'update' | 'move'; details: string[] }
export type ImportCounts = { rows: number; created: number; updated: number; moved: number; unchanged: number }

export type ImportPageData =
  | { stage: 'upload'; fileError: string | null }
  | {
      stage: 'preview'
      uploadId: string
      fileName: string
      counts: ImportCounts
      errorRows: { row: number; problems: { column: string | null; message: string }[] }[]
      changes: PreviewRow[]
      changesTotal: number
      skipped: number[]
      notice: 'stillErrors' | null
    }
  | { stage: 'done'; fileName: string; counts: ImportCounts }

/** The preview table shows at most this many changed rows (the counts cover them all). */
export const PREVIEW_ROW_LIMIT = 300
