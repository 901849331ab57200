/**
 * Vietnamese UI strings of the lesson components (charts, explorer, glossary). Kept here rather than in the i18n
 * catalogues because lesson HTML is rendered once, in Vietnamese, whatever the reader's UI language: the lessons
 * themselves are Vietnamese.
 */
export const mdxStrings = {
  callout: {
    info: 'Thông tin',
    tip: 'Mẹo',
    warning: 'Cảnh báo',
    law: 'Căn cứ pháp lý',
  },
  selfCheck: {
    label: 'Tự kiểm tra',
    reveal: 'Xem gợi ý trả lời',
  },
  glossary: {
    heading: 'Thuật ngữ trong bài',
  },
  table: {
    regionLabel: 'Bảng',
    scrollHint: 'cuộn ngang để xem hết',
  },
  chart: {
    showData: 'Xem bảng số liệu',
    dataCaption: (title: string) => `Bảng số liệu: ${title}`,
    unitLabel: (unit: string) => `Đơn vị tính: ${unit}`,
    barCategory: 'Hạng mục',
    lineCategory: 'Mốc',
    value: 'Giá trị',
    valueWithUnit: (unit: string) => `Giá trị (${unit})`,
    empty: 'trống',
    barSummary: (count: number) => `Biểu đồ cột ngang, ${count} cột.`,
    lineSummary: (series: number, points: number, first: string, last: string) =>
      `Biểu đồ đường, ${series} chuỗi số, ${points} mốc từ ${first} đến ${last}.`,
    lowHigh: (name: string, low: string, lowAt: string, high: string, highAt: string) =>
      `${name}: thấp nhất ${low} (${lowAt}), cao nhất ${high} (${highAt})`,
    missing: (ranges: string) => `thiếu số liệu tại ${ranges}`,
    reference: (text: string) => `Đường tham chiếu: ${text}.`,
    aboveReference: (count: number) => `${count} giá trị cao hơn đường này.`,
    seeTable: 'Số liệu chi tiết ở bảng ngay sau biểu đồ.',
    axisStart: (value: string) => `Trục tung bắt đầu từ ${value}.`,
  },
  explorer: {
    staticNote: (shown: string, total: string, columns: string) =>
      `Bảng có ${total} dòng, ${columns} cột; dưới đây là ${shown} dòng đầu tiên. Khi trang tải xong, bạn có thể sắp xếp, lọc và nhóm dữ liệu.`,
    staticNoteAll: (total: string, columns: string) =>
      `Bảng có ${total} dòng, ${columns} cột. Khi trang tải xong, bạn có thể sắp xếp, lọc và nhóm dữ liệu.`,
    filters: 'Lọc dòng',
    search: 'Tìm trong mọi cột',
    searchHint: 'Không phân biệt dấu: gõ “dat dai” cũng tìm được “đất đai”.',
    rangeColumn: 'Lọc theo khoảng giá trị của cột',
    noRange: '— Không lọc theo khoảng —',
    rangeFrom: 'Từ',
    rangeTo: 'Đến',
    rangeHint: 'Gõ số kiểu 1,5 hoặc 1.5; bỏ trống một đầu nếu không cần.',
    rangeSpan: (min: string, max: string) => `Cột này có giá trị từ ${min} đến ${max}.`,
    notANumber: 'Không phải là số.',
    grouping: 'Nhóm và tính tổng hợp',
    groupBy: 'Nhóm theo cột',
    noGroup: '— Không nhóm —',
    aggregate: 'Phép tính',
    aggregates: {
      count: 'Đếm số dòng',
      sum: 'Tổng',
      average: 'Trung bình',
      min: 'Nhỏ nhất',
      max: 'Lớn nhất',
    },
    valueColumn: 'Cột số để tính',
    noNumericColumn: 'Bảng không có cột số nào',
    reset: 'Đặt lại',
    rowCount: (shown: string, total: string) => `${shown} / ${total} dòng`,
    groupCount: (groups: string) => `${groups} nhóm`,
    countColumn: 'Số dòng',
    aggregateColumn: (aggregate: string, column: string) => `${aggregate} của ${column}`,
    emptyGroup: '(trống)',
    rowsCaption: 'Các dòng thỏa điều kiện lọc',
    groupCaption: (column: string) => `Kết quả nhóm theo ${column}`,
    sortHint: 'Bấm vào tên cột để sắp xếp tăng dần, bấm lần nữa để sắp xếp giảm dần. Ô trống luôn xếp cuối.',
    noRows: 'Không có dòng nào thỏa điều kiện lọc.',
    pagination: 'Phân trang bảng',
    previous: 'Trang trước',
    next: 'Trang sau',
    page: (page: string, pages: string) => `Trang ${page} / ${pages}`,
    pageRows: (from: string, to: string) => `dòng ${from}–${to}`,
  },
} as const
