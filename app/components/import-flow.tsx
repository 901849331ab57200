import { Form, useNavigation } from '@remix-run/react'
import { formatNumber } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import type { ImportPageData } from '~/models/import-page'
import { Stat } from './ui/stat'
import { TableScroll } from './ui/table-scroll'

/**
 * The upload → preview → confirm flow of an import page (roster or completion records). Plain forms: it works
 * without JavaScript; with it, a progress bar shows while the file is read and checked.
 */
export function ImportFlow({ data, headers, showMoves }: { data: ImportPageData | undefined; headers: readonly string[]; showMoves: boolean }) {
  const t = useT()
  const locale = useLocale()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? (navigation.formData?.get('intent') ?? 'preview') : null
  const n = (value: number) => formatNumber(value, { locale })

  if (data?.stage === 'done') {
    return (
      <>
        <p className="notice notice-ok" role="status">
          {t('imports.done', { file: data.fileName, rows: n(data.counts.rows) })}
        </p>
        <dl className="stats import-stats">
          <Stat label={t('imports.created')} value={n(data.counts.created)} />
          <Stat label={t('imports.updated')} value={n(data.counts.updated)} />
          {showMoves ? <Stat label={t('imports.moved')} value={n(data.counts.moved)} /> : null}
          <Stat label={t('imports.unchanged')} value={n(data.counts.unchanged)} />
        </dl>
        <p>
          <a href="?" className="button button-quiet">
            {t('imports.another')}
          </a>
        </p>
      </>
    )
  }

  const uploadForm = (
    <Form method="post" encType="multipart/form-data" className="import-upload" aria-busy={busyIntent === 'preview'}>
      <input type="hidden" name="intent" value="preview" />
      <div className="field">
        <label htmlFor="import-file">{t('imports.file')}</label>
        <p className="field-hint" id="import-file-hint">
          {t('imports.fileHint', { headers: headers.join(', ') })}
        </p>
        <input
          id="import-file"
          type="file"
          name="file"
          accept=".xlsx,.csv"
          required
          aria-describedby={`import-file-hint${data?.stage === 'upload' && data.fileError ? ' import-file-error' : ''}`}
          aria-invalid={data?.stage === 'upload' && data.fileError ? true : undefined}
        />
        {data?.stage === 'upload' && data.fileError ? (
          <p className="field-error" id="import-file-error" role="alert">
            {data.fileError}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busyIntent === 'preview'}>
        {t('imports.check')}
      </button>
      {busyIntent === 'preview' ? <Busy label={t('imports.checking')} /> : null}
    </Form>
  )

  if (data?.stage !== 'preview') return uploadForm

  const excludable = [...new Set([...data.errorRows.map((r) => r.row), ...data.skipped])].sort((a, b) => a - b)
  const problemsOf = new Map(data.errorRows.map((r) => [r.row, r.problems]))
  return (
    <>
      <h2>{t('imports.previewTitle', { file: data.fileName })}</h2>
      <p className="import-nothing-written">{t('imports.nothingWritten')}</p>
      <dl className="stats import-stats">
        <Stat label={t('imports.rows')} value={n(data.counts.rows)} />
        <Stat label={t('imports.created')} value={n(data.counts.created)} />
        <Stat label={t('imports.updated')} value={n(data.counts.updated)} />
        {showMoves ? <Stat label={t('imports.moved')} value={n(data.counts.moved)} /> : null}
        <Stat label={t('imports.unchanged')} value={n(data.counts.unchanged)} />
        <Stat label={t('imports.errorRows')} value={n(data.errorRows.length)} />
      </dl>

      <Form method="post" className="import-confirm">
        <input type="hidden" name="uploadId" value={data.uploadId} />
        {data.notice === 'stillErrors' ? (
          <p className="notice notice-warn" role="alert">
            {t('imports.stillErrors')}
          </p>
        ) : null}
        {excludable.length ? (
          <section aria-labelledby="import-errors-title">
            <h3 id="import-errors-title">{t('imports.errorsTitle')}</h3>
            <p>{t('imports.errorsIntro')}</p>
            <TableScroll labelledBy="import-errors-title">
              <table className="import-errors">
                <thead>
                  <tr>
                    <th scope="col">{t('imports.colExclude')}</th>
                    <th scope="col" className="num">
                      {t('imports.colRow')}
                    </th>
                    <th scope="col">{t('imports.colColumn')}</th>
                    <th scope="col">{t('imports.colProblem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {excludable.map((row) => {
                    const problems = problemsOf.get(row) ?? []
                    const span = Math.max(problems.length, 1)
                    return (problems.length ? problems : [null]).map((problem, i) => (
                      <tr key={`${row}-${i}`}>
                        {i === 0 ? (
                          <td rowSpan={span}>
                            <input
                              type="checkbox"
                              name="skip"
                              value={row}
                              id={`skip-${row}`}
                              defaultChecked={data.skipped.includes(row)}
                              aria-label={t('imports.excludeRow', { row })}
                            />
                          </td>
                        ) : null}
                        {i === 0 ? (
                          <td rowSpan={span} className="num">
                            {row}
                          </td>
                        ) : null}
                        <td>{problem?.column ?? ''}</td>
                        <td>{problem ? problem.message : t('imports.excluded')}</td>
                      </tr>
                    ))
                  })}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ) : null}

        {data.changes.length ? (
          <section aria-labelledby="import-changes-title">
            <h3 id="import-changes-title">{t('imports.changesTitle')}</h3>
            {data.changesTotal > data.changes.length ? <p>{t('imports.changesCapped', { shown: n(data.changes.length), total: n(data.changesTotal) })}</p> : null}
            <TableScroll labelledBy="import-changes-title">
              <table className="import-changes">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('imports.colRow')}
                    </th>
                    <th scope="col">{t('imports.colNationalId')}</th>
                    <th scope="col">{t('imports.colName')}</th>
                    <th scope="col">{t('imports.colAction')}</th>
                    <th scope="col">{t('imports.colDetails')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.changes.map((c) => (
                    <tr key={c.row}>
                      <td className="num">{c.row}</td>
                      <td>
                        <code>{c.nationalId}</code>
                      </td>
                      <td>{c.name}</td>
                      <td>{t(`imports.action.${c.action}`)}</td>
                      <td>
                        {c.details.map((d, i) => (
                          <div key={i}>{d}</div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ) : (
          <p className="notice">{t('imports.noChanges')}</p>
        )}

        <div className="import-actions">
          {excludable.length ? (
            <button type="submit" name="intent" value="recheck" className={data.errorRows.length ? 'button' : 'button button-quiet'} disabled={!!busyIntent}>
              {t('imports.recheck')}
            </button>
          ) : null}
          {/* With error rows left in, the file cannot be written: check again first (the server refuses anyway). */}
          {data.errorRows.length ? (
            <p className="import-blocked">{t('imports.confirmBlocked')}</p>
          ) : (
            <button type="submit" name="intent" value="confirm" className="button" disabled={!!busyIntent}>
              {t('imports.confirm', { rows: n(data.counts.rows) })}
            </button>
          )}
          {busyIntent ? <Busy label={busyIntent === 'confirm' ? t('imports.writing') : t('imports.checking')} /> : null}
        </div>
      </Form>
      <details className="import-restart">
        <summary>{t('imports.otherFile')}</summary>
        {uploadForm}
      </details>
    </>
  )
}

function Busy({ label }: { label: string }) {
  return (
    <div className="import-busy" role="status">
      <progress aria-label={label} />
      <span>{label}</span>
    </div>
  )
}
