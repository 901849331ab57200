import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { niceTicks, unitSuffix, wrapText } from './chart-scale'
import { referenceText } from './chart-parts'
import { ALLOWED_MDX_COMPONENTS, Glossary, mdxComponents } from './index'
import type { Dataset, LessonContextValue } from './lesson-context'
import { LessonContext } from './lesson-context'
import { segmentsOf } from './line-chart'

const { Callout, Figure, Steps, Step, Term, BarChart, LineChart, SelfCheck, DataExplorer, table: Table } = mdxComponents

/** A small lesson context: two assets, a few data sets, and a record of registered terms. */
function fakeLesson(datasets: Record<string, Dataset> = {}) {
  const terms: [string, string][] = []
  const value: LessonContextValue = {
    assetUrl: (src) => (['quy-trinh.svg', 'anh 1.png'].includes(src) ? `/courses/demo/assets/${encodeURIComponent(src)}` : null),
    dataset: (src) => datasets[src] ?? null,
    registerTerm: (term, definition) => {
      terms.push([term, definition])
    },
  }
  const render = (element: ReactElement) => renderToStaticMarkup(<LessonContext.Provider value={value}>{element}</LessonContext.Provider>)
  return { render, terms }
}

const { render } = fakeLesson()

/** Lets a test pass props the TypeScript types forbid, as an MDX author can (MDX props are not type-checked). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (props: Record<string, unknown>): any => props

function count(html: string, pattern: RegExp): number {
  return (html.match(new RegExp(pattern.source, 'g')) ?? []).length
}

describe('the component set', () => {
  it('exposes exactly the components authors may use, plus the table override', () => {
    expect(Object.keys(mdxComponents).sort()).toEqual([...ALLOWED_MDX_COMPONENTS, 'table'].sort())
  })

  it('refuses to render outside a lesson', () => {
    expect(() => renderToStaticMarkup(<Term def="Định nghĩa">thuật ngữ</Term>)).toThrow(/LessonContext is missing/)
  })
})

describe('Callout', () => {
  it('renders a named note with the kind written out', () => {
    const html = render(
      <Callout kind="warning" title="Không gửi mật khẩu">
        <p>Nội dung</p>
      </Callout>,
    )
    expect(html).toMatch(/^<aside class="callout callout-warning" role="note" aria-labelledby="([^"]+)"><p class="callout-title" id="\1">/)
    expect(html).toContain('Cảnh báo: </span><span class="callout-heading">Không gửi mật khẩu</span>')
    expect(html).toContain('<div class="callout-body"><p>Nội dung</p></div>')
  })

  it('defaults to info, and does not repeat a title equal to the kind', () => {
    expect(render(<Callout>Văn bản</Callout>)).toContain('class="callout callout-info"')
    const law = render(
      <Callout kind="law" title="Căn cứ pháp lý">
        …
      </Callout>,
    )
    expect(count(law, /Căn cứ pháp lý/)).toBe(1)
  })

  it('rejects an unknown kind, naming the component', () => {
    expect(() => render(<Callout {...loose({ kind: 'note' })}>x</Callout>)).toThrow(/^<Callout>: kind: .*"info"\|"tip"\|"warning"\|"law"/)
  })
})

describe('Figure', () => {
  it('shows the asset with its alt text and caption', () => {
    const html = render(<Figure src="anh 1.png" alt="Sơ đồ quy trình" caption="Hình 1. Quy trình" />)
    expect(html).toContain('<img src="/courses/demo/assets/anh%201.png" alt="Sơ đồ quy trình" loading="lazy" decoding="async"/>')
    expect(html).toContain('<figcaption>Hình 1. Quy trình</figcaption>')
  })

  it('throws naming a missing file', () => {
    expect(() => render(<Figure src="khong-co.png" alt="Ảnh" />)).toThrow('<Figure>: the file "khong-co.png" is not in the course\'s assets/ folder')
  })

  it('requires alt and refuses URLs and paths outside assets/', () => {
    expect(() => render(<Figure {...loose({ src: 'quy-trinh.svg' })} />)).toThrow(/^<Figure>: alt: alt is required/)
    expect(() => render(<Figure src="quy-trinh.svg" alt="  " />)).toThrow(/<Figure>: alt: alt must describe/)
    expect(() => render(<Figure src="https://example.com/a.png" alt="Ảnh" />)).toThrow(/<Figure>: src: .*no URL/)
    expect(() => render(<Figure src="../secret.png" alt="Ảnh" />)).toThrow(/<Figure>: src:/)
  })
})

describe('Steps', () => {
  it('is an ordered list of titled steps', () => {
    const html = render(
      <Steps>
        {'\n'}
        <Step title="Tiếp nhận">Kiểm tra hồ sơ</Step>
        {'\n'}
        <Step title="Thẩm định">
          <p>Xem xét</p>
        </Step>
      </Steps>,
    )
    expect(html).toBe(
      '<ol class="steps" role="list">' +
        '<li class="step"><p class="step-title">Tiếp nhận</p><div class="step-body">Kiểm tra hồ sơ</div></li>' +
        '<li class="step"><p class="step-title">Thẩm định</p><div class="step-body"><p>Xem xét</p></div></li></ol>',
    )
  })

  it('rejects other content inside Steps, a Step outside Steps, and a Step without a title', () => {
    expect(() =>
      render(
        <Steps>
          <p>Văn bản lạc chỗ</p>
        </Steps>,
      ),
    ).toThrow(/^<Steps>: only <Step/)
    expect(() => render(<Steps>{null}</Steps>)).toThrow(/^<Steps>: put at least one <Step/)
    expect(() => render(<Step title="Một mình">x</Step>)).toThrow(/must be placed inside <Steps>/)
    expect(() =>
      render(
        <Steps>
          <Step {...loose({})}>x</Step>
        </Steps>,
      ),
    ).toThrow(/^<Step>: title: title is required/)
  })
})

describe('Term and Glossary', () => {
  it('registers the term and describes it with a tooltip reachable by keyboard', () => {
    const lesson = fakeLesson()
    const html = lesson.render(
      <p>
        Hồ sơ <Term def="Dịch vụ công  thực hiện mọi bước trên mạng.">toàn trình</Term> …
      </p>,
    )
    expect(lesson.terms).toEqual([['toàn trình', 'Dịch vụ công thực hiện mọi bước trên mạng.']])
    const match = html.match(/<dfn class="term-word" tabindex="0" aria-describedby="([^"]+)">toàn trình<\/dfn><span class="term-def" role="tooltip" id="([^"]+)">/)
    expect(match?.[1]).toBeTruthy()
    expect(match?.[1]).toBe(match?.[2])
  })

  it('registers the plain text of formatted terms, and rejects a missing definition or an empty term', () => {
    const lesson = fakeLesson()
    lesson.render(
      <Term def="Định nghĩa">
        <em>định danh</em> điện tử
      </Term>,
    )
    expect(lesson.terms[0]?.[0]).toBe('định danh điện tử')
    expect(() => render(<Term {...loose({})}>x</Term>)).toThrow(/^<Term>: def: def \(the definition\) is required/)
    expect(() => render(<Term def="Định nghĩa"> </Term>)).toThrow(/write the term between/)
  })

  it('lists terms once, in Vietnamese alphabetical order, under its heading', () => {
    const html = renderToStaticMarkup(
      <Glossary
        terms={[
          { term: 'Đối soát', definition: 'a' },
          { term: 'dữ liệu', definition: 'b' },
          { term: 'ảnh số', definition: 'c' },
          { term: 'dữ liệu', definition: 'lặp' },
        ]}
      />,
    )
    expect(html).toContain('<section class="glossary" aria-labelledby="thuat-ngu-trong-bai"><h2 id="thuat-ngu-trong-bai">Thuật ngữ trong bài</h2><dl>')
    expect([...html.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1])).toEqual(['ảnh số', 'dữ liệu', 'Đối soát'])
    expect(html).not.toContain('lặp')
    expect(renderToStaticMarkup(<Glossary terms={[]} />)).toBe('')
  })
})

describe('SelfCheck', () => {
  it('shows the question and hides the answer in a details element', () => {
    const html = render(
      <SelfCheck question="Bạn làm gì đầu tiên?">
        <p>Không bấm vào liên kết.</p>
      </SelfCheck>,
    )
    expect(html).toContain('Tự kiểm tra: </span>Bạn làm gì đầu tiên?</p>')
    expect(html).toContain(
      '<details class="self-check-details"><summary>Xem gợi ý trả lời</summary><div class="self-check-answer"><p>Không bấm vào liên kết.</p></div></details>',
    )
  })

  it('requires a question and an answer', () => {
    expect(() => render(<SelfCheck {...loose({ children: 'x' })} />)).toThrow(/^<SelfCheck>: question: question is required/)
    expect(() => render(<SelfCheck question="Hỏi?" />)).toThrow(/write the suggested answer/)
  })
})

describe('table override', () => {
  it('wraps a Markdown table in a named, focusable scroll box', () => {
    const html = render(
      <Table>
        <thead>
          <tr>
            <th>Cột</th>
            <th>Ví dụ</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>pH</td>
            <td>7.05</td>
          </tr>
        </tbody>
      </Table>,
    )
    expect(html).toMatch(/^<div class="table-scroll lesson-table" role="region" aria-label="Bảng: Cột, Ví dụ \(cuộn ngang để xem hết\)" tabindex="0"><table><thead>/)
    expect(html).toMatch(/<\/table><\/div>$/)
  })
})

describe('BarChart', () => {
  const data = [
    { label: '2018', value: 6.68 },
    { label: '2020', value: 1.63 },
    { label: '5 tháng đầu 2024', value: 0.45 },
  ]

  it('renders an accessible SVG with Vietnamese-formatted values', () => {
    const html = render(<BarChart title="Tỷ lệ hồ sơ trễ hạn" unit="%" decimals={2} data={data} />)
    expect(html).toMatch(/<svg class="chart-svg" viewBox="0 0 360 \d+" role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"[^>]*><title id="\1">Tỷ lệ hồ sơ trễ hạn<\/title><desc id="\2">/)
    expect(html).toContain('Biểu đồ cột ngang, 3 cột. 2018: 6,68%; 2020: 1,63%; 5 tháng đầu 2024: 0,45%.')
    expect(html).toContain('>6,68%</text>')
    expect(html).not.toContain('6.68')
    expect(count(html, /<rect /)).toBe(3)
    // Axis ticks and the unit label.
    expect(html).toMatch(/>0<\/text>/)
    expect(html).toContain('Đơn vị tính: %')
    // The numbers as a table behind a disclosure.
    expect(html).toContain('<details class="chart-data"><summary>Xem bảng số liệu</summary>')
    expect(html).toContain('<th scope="col" class="num">Giá trị (%)</th>')
    expect(html).toContain('<th scope="row">2018</th><td class="num">6,68</td>')
  })

  it('draws the target line with its label and value', () => {
    const html = render(<BarChart title="Điểm" unit=" điểm" data={[{ label: 'A', value: 3 }]} target={{ value: 2, label: 'Mức cần đạt' }} />)
    expect(html).toMatch(/<line class="chart-reference" x1="[\d.]+" x2="[\d.]+"[^>]*stroke="#b42318"[^>]*stroke-dasharray="12 6"/)
    expect(html).toContain('>Mức cần đạt (2\u00a0điểm)</text>')
    expect(html).toContain('Đường tham chiếu: Mức cần đạt (2\u00a0điểm).')
    expect(html).toContain('>3\u00a0điểm</text>')
  })

  it('rejects bad props with a message naming the component and the place', () => {
    expect(() => render(<BarChart title="T" data={[{ label: 'A', value: '6,68' as never }]} />)).toThrow(
      '<BarChart>: data[0].value: value must be a number written with a dot for decimals (6.68), not in quotes',
    )
    expect(() => render(<BarChart title="T" decimals={2.5} data={data} />)).toThrow(/^<BarChart>: decimals: decimals must be a whole number/)
    expect(() => render(<BarChart title="T" data={[]} />)).toThrow(/^<BarChart>: data: data must have at least one bar/)
    expect(() => render(<BarChart {...loose({ title: 'T', data, colour: 'red' })} />)).toThrow(/^<BarChart>: Unrecognized key: "colour"/)
    expect(() => render(<BarChart {...loose({ data })} />)).toThrow(/^<BarChart>: title: title is required/)
  })
})

describe('LineChart', () => {
  const points = (ys: (number | null)[]) => ys.map((y, i) => ({ x: `${i + 1}/3`, y }))

  it('breaks the line at a gap: two path segments around a null', () => {
    const html = render(<LineChart title="COD" unit="mg/L" decimals={1} series={[{ name: 'TV-NM02', points: points([10.1, 10.3, null, 9.9, 10.1]) }]} />)
    const series = html.match(/<g class="chart-series chart-series-1">.*?<\/g>/)?.[0] ?? ''
    expect(count(series, /<path class="chart-line"/)).toBe(2)
    expect(series).toMatch(/d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+"/)
    expect(html).toContain('thiếu số liệu tại 3/3')
    expect(html).toContain('<td class="num"><span class="mdx-empty"><span aria-hidden="true">—</span><span class="mdx-sr-only">trống</span></span></td>')
    expect(html).toContain('<td class="num">10,3</td>')
  })

  it('keeps an isolated point visible as a marker', () => {
    expect(segmentsOf([1, null, 2, null, 3, 4])).toEqual([
      { start: 0, values: [1] },
      { start: 2, values: [2] },
      { start: 4, values: [3, 4] },
    ])
  })

  it('draws the threshold with its label, formats numbers Vietnamese-style and counts values above it', () => {
    const html = render(
      <LineChart
        title="DO"
        unit="mg/L"
        decimals={2}
        series={[{ name: 'Trạm', points: points([6.68, 5.12, 7.5]) }]}
        threshold={{ value: 6.5, label: 'Ngưỡng giả định' }}
      />,
    )
    expect(html).toMatch(/<line class="chart-reference"[^>]*stroke="#b42318"/)
    expect(html).toContain('>Ngưỡng giả định (6,50\u00a0mg/L)</text>')
    expect(html).toContain('2 giá trị cao hơn đường này.')
    expect(html).toContain('Trạm: thấp nhất 5,12\u00a0mg/L (2/3), cao nhất 7,50\u00a0mg/L (3/3)')
    expect(html).toContain('<th scope="col" class="num">Trạm (mg/L)</th>')
    expect(html).toContain('<td class="num">6,68</td>')
  })

  it('tells up to four series apart by dash pattern and marker, with a legend', () => {
    const series = ['A', 'B', 'C', 'D'].map((name, i) => ({ name, points: points([i, i + 1]) }))
    const html = render(<LineChart title="Bốn chuỗi" series={series} />)
    const dashes = [1, 2, 3, 4].map((n) => html.match(new RegExp(`<g class="chart-series chart-series-${n}"><path class="chart-line"[^>]*?(stroke-dasharray="([^"]+)")?></path>`))?.[2])
    expect(dashes).toEqual([undefined, '7 4', '2 3', '10 3 2 3'])
    expect(count(html, /class="chart-legend-item/)).toBe(4)
    expect(html).toMatch(/<circle /)
    expect(html).toMatch(/<rect /)
  })

  it('has no legend for a single series', () => {
    expect(render(<LineChart title="Một chuỗi" series={[{ name: 'A', points: points([1, 2]) }]} />)).not.toContain('chart-legend-item')
  })

  it('rejects more than four series, mismatched x values and quoted numbers', () => {
    const five = ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, points: points([1, 2]) }))
    expect(() => render(<LineChart title="T" series={five} />)).toThrow(/^<LineChart>: series: series has more than 4 series/)
    expect(() =>
      render(
        <LineChart
          title="T"
          series={[
            { name: 'A', points: points([1, 2]) },
            { name: 'B', points: [{ x: '1/3', y: 1 }] },
          ]}
        />,
      ),
    ).toThrow(/^<LineChart>: series\[1\]\.points: series "B" must list the same x values/)
    expect(() => render(<LineChart title="T" series={[{ name: 'A', points: [{ x: '1/3', y: '7,1' as never }] }]} />)).toThrow(
      /^<LineChart>: series\[0\]\.points\[0\]\.y: y must be a number/,
    )
    expect(() => render(<LineChart title="T" series={[{ name: 'A', points: points([null, null]) }]} />)).toThrow(/nothing to draw/)
  })
})

describe('DataExplorer', () => {
  const rows: Dataset['rows'] = Array.from({ length: 25 }, (_, i) => [`Trạm ${i + 1}`, 7 + i / 100, i === 3 ? null : 1234.5])
  rows[1]![0] = '</script><script>alert(1)</script>'
  const dataset: Dataset = { columns: ['Trạm', 'pH', 'Lưu lượng'], rows }

  it('renders the island: heading, escaped JSON and the first 20 rows', () => {
    const html = fakeLesson({ 'quan-trac.csv': dataset }).render(<DataExplorer src="quan-trac.csv" title="Số liệu quan trắc" />)
    expect(html).toMatch(/^<div class="data-explorer" data-island="data-explorer" role="region" aria-labelledby="([^"]+)"><h3 class="data-explorer-title" id="\1">Số liệu quan trắc<\/h3>/)
    const script = html.match(/<script type="application\/json" class="data-explorer-data">(.*?)<\/script>/)
    expect(script).not.toBeNull()
    // The only "</script>" is the element's own end tag; the value survives the round trip.
    expect(count(html, /<\/script>/)).toBe(1)
    expect(script![1]).not.toContain('<')
    expect(script![1]).toContain('\\u003c/script\\u003e')
    expect(JSON.parse(script![1]!)).toEqual({ version: 1, title: 'Số liệu quan trắc', columns: dataset.columns, rows })
    // The static table: 20 of 25 rows, Vietnamese numbers, empty cells spoken as "trống", the markup escaped.
    expect(count(html, /<tr>/)).toBe(21)
    expect(html).toContain('Bảng có 25 dòng, 3 cột; dưới đây là 20 dòng đầu tiên.')
    expect(html).toContain('<td class="num">7,01</td><td class="num">1.234,5</td>')
    expect(html).toContain('<td>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>')
    expect(html).toContain('<span class="mdx-sr-only">trống</span>')
    expect(html.slice(html.indexOf('data-explorer-static'))).not.toContain('Trạm 21')
  })

  it('throws naming a missing file, and on bad props or data sets', () => {
    expect(() => render(<DataExplorer src="khong-co.csv" title="T" />)).toThrow('<DataExplorer>: the file "khong-co.csv" is not in the course\'s datasets/ folder')
    expect(() => render(<DataExplorer {...loose({ src: 'a.csv' })} />)).toThrow(/^<DataExplorer>: title: title is required/)
    expect(() => render(<DataExplorer src="a.xlsx" title="T" />)).toThrow(/^<DataExplorer>: src: src must name a \.csv file/)
    const big: Dataset = { columns: ['a'], rows: Array.from({ length: 2001 }, (_, i) => [i]) }
    expect(() => fakeLesson({ 'big.csv': big }).render(<DataExplorer src="big.csv" title="T" />)).toThrow(/2001 rows; a data set may have at most 2\.000 rows/)
    const ragged: Dataset = { columns: ['a', 'b'], rows: [[1]] }
    expect(() => fakeLesson({ 'r.csv': ragged }).render(<DataExplorer src="r.csv" title="T" />)).toThrow(/row 1 has 1 cells, the header has 2/)
  })
})

describe('chart arithmetic', () => {
  it('picks round ticks covering the data', () => {
    expect(niceTicks(0, 6.68, 4)).toEqual({ values: [0, 2, 4, 6, 8], decimals: 0, min: 0, max: 8 })
    expect(niceTicks(0, 100, 4).values).toEqual([0, 25, 50, 75, 100])
    expect(niceTicks(5.07, 6.53, 5)).toMatchObject({ values: [5, 5.5, 6, 6.5, 7], decimals: 1 })
    // A constant series still gets an axis around its value.
    expect(niceTicks(3, 3)).toMatchObject({ min: 2.6, max: 3.4, values: [2.6, 2.8, 3, 3.2, 3.4] })
  })

  it('writes units the Vietnamese way and states a reference value only once', () => {
    expect(unitSuffix('%')).toBe('%')
    expect(unitSuffix(' hồ sơ')).toBe('\u00a0hồ sơ')
    expect(unitSuffix('')).toBe('')
    expect(referenceText({ value: 5.29, label: 'Chung năm chi nhánh: 5,29%' }, 2, '%')).toBe('Chung năm chi nhánh: 5,29%')
    expect(referenceText({ value: 15, label: 'Ngưỡng (15 mg/L)' }, 1, 'mg/L')).toBe('Ngưỡng (15 mg/L)')
    expect(referenceText({ value: 1, label: 'Mục tiêu năm 2021' }, 0, '%')).toBe('Mục tiêu năm 2021 (1%)')
  })

  it('wraps long labels by words', () => {
    const lines = wrapText('Hồ sơ công việc cấp tỉnh xử lý trên mạng', 120)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join(' ')).toBe('Hồ sơ công việc cấp tỉnh xử lý trên mạng')
    expect(wrapText('Mục tiêu (2\u00a0điểm)', 60)).toEqual(['Mục tiêu', '(2\u00a0điểm)'])
  })
})
