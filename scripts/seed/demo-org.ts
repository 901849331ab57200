/**
 * The deterministic demo organisation (docs: product.md "Demo data", contract.md "Demo accounts",
 * domain-notes.md §3–4): the Sở TN-MT tỉnh Trà Vinh in 2024, the merger into the Sở NN&MT tỉnh Trà Vinh
 * (01/3/2025), the Sở NN&MT tỉnh Vĩnh Long (01/7/2025) and the split of Phòng Quản lý đất đai (01/01/2026),
 * with invented staff who move, leave and join.
 *
 * Pure: no I/O, no clock, no Math.random. The same seed gives the same organisation. Every person is
 * invented; any likeness to a real person is chance.
 */
import type { Sex, StaffType, UnitKind } from '../../app/db/schema'
import { addDays, foldForSearch, formatFullName } from '../../app/i18n/format'
import type {
  DemoAccount,
  DemoAssignment,
  DemoDecision,
  DemoEvent,
  DemoOrg,
  DemoPerson,
  DemoUnit,
  DemoUnitVersion,
} from './demo-types'

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a tiny, well-mixed 32-bit PRNG; plenty for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Weighted<T> = readonly (readonly [T, number])[]

class Rng {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  float(): number {
    return this.next()
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }
  weighted<T>(items: Weighted<T>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [item, w] of items) {
      r -= w
      if (r < 0) return item
    }
    return items[items.length - 1]![0]
  }
  /** A date in [from, to], both inclusive. */
  date(from: string, to: string): string {
    return addDays(from, this.int(0, daysBetween(from, to)))
  }
}

function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))
  return Math.round((ms(to) - ms(from)) / 86_400_000)
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b
}

// ---------------------------------------------------------------------------------------------------------
// Names (invented; common Vietnamese and Khmer-Vietnamese patterns of Trà Vinh)
// ---------------------------------------------------------------------------------------------------------

const KINH_HO: Weighted<string> = [
  ['Nguyễn', 30], ['Trần', 12], ['Lê', 10], ['Phạm', 7], ['Huỳnh', 6], ['Võ', 6], ['Phan', 5], ['Trương', 3],
  ['Đặng', 3], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 3], ['Ngô', 2], ['Dương', 2], ['Lý', 2], ['Đoàn', 2], ['Đinh', 1],
  ['Lương', 1], ['Châu', 1], ['Tạ', 1], ['Cao', 1], ['Mai', 1], ['Văn', 1], ['Tô', 1],
]
const CHU_DEM_NAM: Weighted<string> = [
  ['Văn', 34], ['Minh', 10], ['Thanh', 7], ['Hoàng', 6], ['Quốc', 6], ['Hữu', 6], ['Công', 5], ['Đức', 4],
  ['Tấn', 5], ['Trung', 3], ['Thành', 4], ['Phước', 3], ['Duy', 3], ['Chí', 3], ['Ngọc', 3], ['Hoài', 2],
  ['Văn Minh', 1], ['Minh Hoàng', 1], ['Nguyễn Hoàng', 1],
]
const CHU_DEM_NU: Weighted<string> = [
  ['Thị', 34], ['Ngọc', 10], ['Thanh', 6], ['Thu', 5], ['Kim', 5], ['Mỹ', 5], ['Hồng', 4], ['Bích', 3],
  ['Phương', 3], ['Thị Ngọc', 5], ['Thị Kim', 3], ['Thị Thanh', 3], ['Thị Mỹ', 2], ['Thị Thu', 2], ['Huỳnh Như', 1],
]
const TEN_NAM = [
  'An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Định', 'Đông', 'Đức', 'Đăng', 'Điền', 'Giang', 'Hải',
  'Hào', 'Hậu', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiệt', 'Lâm', 'Lộc', 'Long',
  'Luân', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Phương', 'Quang', 'Quân', 'Sang', 'Sơn',
  'Tài', 'Tâm', 'Tân', 'Thái', 'Thắng', 'Thiện', 'Thịnh', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Vinh', 'Vũ',
]
const TEN_NU = [
  'Anh', 'Ánh', 'Bích', 'Cầm', 'Châu', 'Diễm', 'Dung', 'Duyên', 'Đào', 'Điệp', 'Đoan', 'Giang', 'Hà', 'Hân',
  'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Kiều', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My',
  'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Tâm', 'Thảo', 'Thủy', 'Thúy', 'Trang',
  'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến',
]
/** Khmer family names common in Trà Vinh. */
const KHMER_HO: Weighted<string> = [
  ['Thạch', 34], ['Kim', 16], ['Sơn', 16], ['Danh', 8], ['Lâm', 8], ['Trà', 5], ['Kiên', 5],
]
/** Invented Khmer given names in Vietnamese transcription (often two words). */
const KHMER_TEN_NAM = [
  'Sô Phol', 'Sà Rết', 'Sa Vươn', 'Chăn Đa', 'Sóc Khanh', 'Ra Tha', 'Sô Khết', 'Kha Rinh', 'Pho Ni', 'Sa Rươn',
  'Chanh', 'Sươl', 'Phươl', 'Thươl', 'Sóc', 'Sa Rát', 'Mô Ni', 'Ty Đa', 'Đa Ra', 'Sa Mết', 'Chim', 'Sô Vanh',
  'Kha Na', 'Pha Ly', 'Rinh Đa',
]
const KHMER_TEN_NU = [
  'Sa Rinh', 'Sa Ry', 'Thi Da', 'Sô Phia', 'Chanh Thi', 'Mây Ly', 'Ka Ny', 'Sà Nết', 'Sa Phi', 'Ry Na', 'Ni Ka',
  'Sóc Kha', 'Mơ Ni', 'Sa Ma Ly', 'Chăn Thy', 'Đa Ni', 'Phan Ny', 'Sa Vy', 'Thi Ra', 'Sô Kha', 'Ly Na',
]

type Name = { ho: string; chuDem: string; ten: string }

function kinhTen(rng: Rng, sex: Sex, chuDem: string): string {
  const last = chuDem.split(' ').pop()
  for (;;) {
    const ten = rng.pick(sex === 'nam' ? TEN_NAM : TEN_NU)
    if (ten !== last) return ten
  }
}

function kinhName(rng: Rng, sex: Sex): Name {
  const ho = rng.weighted(KINH_HO)
  const chuDem = rng.weighted(sex === 'nam' ? CHU_DEM_NAM : CHU_DEM_NU)
  return { ho, chuDem, ten: kinhTen(rng, sex, chuDem) }
}

/** Khmer-Vietnamese names break "last word = tên": multi-word tên, or a chữ đệm of two words. */
function khmerName(rng: Rng, sex: Sex): Name {
  const ho = rng.weighted(KHMER_HO)
  const r = rng.float()
  if (r < 0.38) {
    // Sơn Sà Rết, Kim Thị Sa Rinh
    const chuDem = sex === 'nu' && rng.chance(0.6) ? 'Thị' : ''
    return { ho, chuDem, ten: rng.pick(sex === 'nam' ? KHMER_TEN_NAM : KHMER_TEN_NU) }
  }
  if (r < 0.75) {
    // Danh Hoàng Dũng, Thạch Thị Ngọc Hân
    const chuDem = rng.weighted(sex === 'nam' ? CHU_DEM_NAM : CHU_DEM_NU)
    return { ho, chuDem, ten: kinhTen(rng, sex, chuDem) }
  }
  // Thạch Trần Thị Cầm: a Vietnamese family name inside the chữ đệm
  const inner = rng.weighted(KINH_HO.filter(([h]) => h !== 'Văn'))
  const mid = sex === 'nu' ? rng.weighted([['Thị', 6], ['Ngọc', 2], ['Kim', 1]] as const) : rng.weighted([['Văn', 5], ['Minh', 2], ['Hoàng', 1]] as const)
  const chuDem = `${inner} ${mid}`
  return { ho, chuDem, ten: kinhTen(rng, sex, chuDem) }
}

// ---------------------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------------------

const ROOT = 'u-so'
const MERGER_DATE = '2025-03-01'
const PROVINCE_DATE = '2025-07-01'
const SPLIT_DATE = '2026-01-01'
/** Random moves, leavers and joiners stop here: the demo's "now" is mid-2026. */
const SIMULATION_END = '2026-06-20'

/** Which ranks / professional titles a unit's staff hold. */
type RankSet =
  | 'admin'
  | 'inspect'
  | 'forest'
  | 'plant'
  | 'vet'
  | 'fish'
  | 'irrig'
  | 'land'
  | 'monitor'
  | 'it'
  | 'survey'
  | 'landfund'
  | 'extension'

type UnitPlan = {
  key: string
  code: string
  name: string
  kind: UnitKind
  parentKey: string | null
  ranks: RankSet
  /** Head count when the unit is staffed (head and deputies included). */
  size: readonly [number, number]
  deputies: readonly [number, number]
}

const DISTRICTS = [
  { id: 'tptv', code: 'TPTV', place: 'thành phố Trà Vinh' },
  { id: 'txdh', code: 'TXDH', place: 'thị xã Duyên Hải' },
  { id: 'cl', code: 'CL', place: 'huyện Càng Long' },
  { id: 'ck', code: 'CK', place: 'huyện Cầu Kè' },
  { id: 'tc', code: 'TC', place: 'huyện Tiểu Cần' },
  { id: 'ct', code: 'CT', place: 'huyện Châu Thành' },
  { id: 'cn', code: 'CN', place: 'huyện Cầu Ngang' },
  { id: 'tcu', code: 'TCU', place: 'huyện Trà Cú' },
  { id: 'dh', code: 'DH', place: 'huyện Duyên Hải' },
] as const

/** 01/7/2025: the nine district branches become three area branches. */
const AREAS = [
  { n: 1, districts: ['tptv', 'ct', 'cl'] },
  { n: 2, districts: ['ck', 'tc', 'tcu'] },
  { n: 3, districts: ['cn', 'dh', 'txdh'] },
] as const

const branchKey = (id: string) => `u-cn-${id}`

/** The 2024 structure, with the date each unit was set up. */
const UNITS_2024: readonly (UnitPlan & { validFrom: string })[] = [
  { key: ROOT, code: 'STNMT-TV', name: 'Sở Tài nguyên và Môi trường tỉnh Trà Vinh', kind: 'so', parentKey: null, validFrom: '2003-07-22', ranks: 'admin', size: [3, 3], deputies: [2, 2] },
  { key: 'u-vp', code: 'VP', name: 'Văn phòng Sở', kind: 'van_phong', parentKey: ROOT, validFrom: '2003-07-22', ranks: 'admin', size: [20, 24], deputies: [1, 1] },
  { key: 'u-thanhtra', code: 'TTR', name: 'Thanh tra Sở', kind: 'thanh_tra', parentKey: ROOT, validFrom: '2003-07-22', ranks: 'inspect', size: [9, 11], deputies: [1, 2] },
  { key: 'u-khtc', code: 'KHTC', name: 'Phòng Kế hoạch – Tài chính', kind: 'phong', parentKey: ROOT, validFrom: '2009-01-01', ranks: 'admin', size: [7, 9], deputies: [1, 1] },
  { key: 'u-qldd', code: 'QLDD', name: 'Phòng Quản lý đất đai', kind: 'phong', parentKey: ROOT, validFrom: '2003-07-22', ranks: 'admin', size: [15, 17], deputies: [2, 2] },
  { key: 'u-tnn', code: 'TNN-KS-KTTV', name: 'Phòng Tài nguyên nước – Khoáng sản – Khí tượng thủy văn', kind: 'phong', parentKey: ROOT, validFrom: '2009-01-01', ranks: 'admin', size: [9, 11], deputies: [1, 2] },
  { key: 'u-ccbvmt', code: 'CCBVMT', name: 'Chi cục Bảo vệ môi trường', kind: 'chi_cuc', parentKey: ROOT, validFrom: '2009-10-01', ranks: 'admin', size: [12, 15], deputies: [1, 2] },
  { key: 'u-ccbhd', code: 'CCBHD', name: 'Chi cục Biển và Hải đảo', kind: 'chi_cuc', parentKey: ROOT, validFrom: '2012-07-01', ranks: 'admin', size: [9, 11], deputies: [1, 2] },
  { key: 'u-vpdkdd', code: 'VPDKDD', name: 'Văn phòng Đăng ký đất đai', kind: 'trung_tam', parentKey: ROOT, validFrom: '2016-01-01', ranks: 'land', size: [22, 26], deputies: [2, 2] },
  ...DISTRICTS.map((d) => ({
    key: branchKey(d.id),
    code: `CN-${d.code}`,
    name: `Chi nhánh Văn phòng Đăng ký đất đai ${d.place}`,
    kind: 'chi_nhanh' as const,
    parentKey: 'u-vpdkdd',
    validFrom: '2016-01-01',
    ranks: 'land' as const,
    size: [11, 17] as const,
    deputies: [1, 2] as const,
  })),
  { key: 'u-ttqt', code: 'TTQT', name: 'Trung tâm Quan trắc tài nguyên và môi trường', kind: 'trung_tam', parentKey: ROOT, validFrom: '2008-06-01', ranks: 'monitor', size: [14, 18], deputies: [1, 2] },
  { key: 'u-ttcntt', code: 'TTCNTT', name: 'Trung tâm Công nghệ thông tin tài nguyên và môi trường', kind: 'trung_tam', parentKey: ROOT, validFrom: '2008-06-01', ranks: 'it', size: [10, 13], deputies: [1, 1] },
  { key: 'u-ttptqd', code: 'TTPTQD', name: 'Trung tâm Phát triển quỹ đất', kind: 'trung_tam', parentKey: ROOT, validFrom: '2011-03-01', ranks: 'landfund', size: [13, 16], deputies: [1, 2] },
  { key: 'u-ttkt', code: 'TTKT', name: 'Trung tâm Kỹ thuật tài nguyên và môi trường', kind: 'trung_tam', parentKey: ROOT, validFrom: '2003-07-22', ranks: 'survey', size: [16, 20], deputies: [1, 2] },
]

/** 01/3/2025: units of the former Sở NN&PTNT join the merged Sở. */
const UNITS_FROM_NNPTNT: readonly UnitPlan[] = [
  { key: 'u-cc-ttbvtv', code: 'CCTTBVTV', name: 'Chi cục Trồng trọt và Bảo vệ thực vật', kind: 'chi_cuc', parentKey: ROOT, ranks: 'plant', size: [14, 17], deputies: [1, 2] },
  { key: 'u-cc-cnty', code: 'CCCNTY', name: 'Chi cục Chăn nuôi và Thú y', kind: 'chi_cuc', parentKey: ROOT, ranks: 'vet', size: [14, 17], deputies: [1, 2] },
  { key: 'u-cc-ts', code: 'CCTS', name: 'Chi cục Thủy sản', kind: 'chi_cuc', parentKey: ROOT, ranks: 'fish', size: [10, 13], deputies: [1, 2] },
  { key: 'u-cc-kl', code: 'CCKL', name: 'Chi cục Kiểm lâm', kind: 'chi_cuc', parentKey: ROOT, ranks: 'forest', size: [10, 13], deputies: [1, 2] },
  { key: 'u-cc-tl', code: 'CCTL', name: 'Chi cục Thủy lợi', kind: 'chi_cuc', parentKey: ROOT, ranks: 'irrig', size: [9, 11], deputies: [1, 1] },
  { key: 'u-ttkn', code: 'TTKN', name: 'Trung tâm Khuyến nông', kind: 'trung_tam', parentKey: ROOT, ranks: 'extension', size: [12, 15], deputies: [1, 2] },
]

/** 01/7/2025: branches that arrive from the former provinces Vĩnh Long and Bến Tre. */
const UNITS_FROM_PROVINCES: readonly (UnitPlan & { origin: Origin })[] = [
  { key: 'u-cn-kv-vl', code: 'CN-KVVL', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Vĩnh Long', kind: 'chi_nhanh', parentKey: 'u-vpdkdd', ranks: 'land', size: [12, 15], deputies: [1, 2], origin: 'VL' },
  { key: 'u-cn-kv-bt', code: 'CN-KVBT', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Bến Tre', kind: 'chi_nhanh', parentKey: 'u-vpdkdd', ranks: 'land', size: [11, 14], deputies: [1, 2], origin: 'BT' },
]

const RANK_PLAN = new Map<string, RankSet>()
for (const u of [...UNITS_2024, ...UNITS_FROM_NNPTNT, ...UNITS_FROM_PROVINCES]) RANK_PLAN.set(u.key, u.ranks)
for (const a of AREAS) RANK_PLAN.set(`u-cn-kv${a.n}`, 'land')
RANK_PLAN.set('u-tnn-ks-bien', 'admin')
RANK_PLAN.set('u-qldd-2026', 'admin')
RANK_PLAN.set('u-ddbdvt', 'admin')

const TITLES: Record<UnitKind, readonly [head: string, deputy: string]> = {
  so: ['Giám đốc', 'Phó Giám đốc'],
  van_phong: ['Chánh Văn phòng', 'Phó Chánh Văn phòng'],
  thanh_tra: ['Chánh Thanh tra', 'Phó Chánh Thanh tra'],
  phong: ['Trưởng phòng', 'Phó Trưởng phòng'],
  chi_cuc: ['Chi cục trưởng', 'Phó Chi cục trưởng'],
  trung_tam: ['Giám đốc', 'Phó Giám đốc'],
  chi_nhanh: ['Giám đốc Chi nhánh', 'Phó Giám đốc Chi nhánh'],
  khac: ['Trưởng đơn vị', 'Phó Trưởng đơn vị'],
}

function staffTypeOfKind(kind: UnitKind): StaffType {
  return kind === 'trung_tam' || kind === 'chi_nhanh' ? 'vien_chuc' : 'cong_chuc'
}

// ---------------------------------------------------------------------------------------------------------
// Ranks (ngạch công chức; chức danh nghề nghiệp viên chức with hạng)
// ---------------------------------------------------------------------------------------------------------

const CONG_CHUC_RANKS: Record<RankSet, Weighted<string>> = {
  admin: [['Chuyên viên', 62], ['Chuyên viên chính', 18], ['Cán sự', 8]],
  inspect: [['Thanh tra viên', 45], ['Thanh tra viên chính', 20], ['Chuyên viên', 25]],
  forest: [['Kiểm lâm viên', 45], ['Kiểm lâm viên chính', 12], ['Kiểm lâm viên trung cấp', 20], ['Chuyên viên', 15]],
  plant: [['Kiểm dịch viên thực vật', 30], ['Chuyên viên', 45], ['Chuyên viên chính', 10], ['Cán sự', 5]],
  vet: [['Kiểm dịch viên động vật', 35], ['Kỹ thuật viên kiểm dịch động vật', 15], ['Chuyên viên', 35], ['Chuyên viên chính', 10]],
  fish: [['Kiểm ngư viên', 30], ['Thuyền viên kiểm ngư', 15], ['Chuyên viên', 40], ['Chuyên viên chính', 10]],
  irrig: [['Kiểm soát viên đê điều', 30], ['Chuyên viên', 50], ['Chuyên viên chính', 12]],
  land: [['Chuyên viên', 1]],
  monitor: [['Chuyên viên', 1]],
  it: [['Chuyên viên', 1]],
  survey: [['Chuyên viên', 1]],
  landfund: [['Chuyên viên', 1]],
  extension: [['Chuyên viên', 1]],
}

const VIEN_CHUC_RANKS: Record<RankSet, Weighted<string>> = {
  admin: [['Chuyên viên', 1]],
  inspect: [['Chuyên viên', 1]],
  forest: [['Chuyên viên', 1]],
  plant: [['Chuyên viên', 1]],
  vet: [['Chuyên viên', 1]],
  fish: [['Chuyên viên', 1]],
  irrig: [['Chuyên viên', 1]],
  land: [['Địa chính viên hạng III', 45], ['Địa chính viên hạng IV', 20], ['Kỹ sư hạng III', 15], ['Chuyên viên', 10], ['Kế toán viên', 5]],
  monitor: [['Quan trắc viên tài nguyên môi trường hạng III', 45], ['Quan trắc viên tài nguyên môi trường hạng IV', 20], ['Kỹ sư hạng III', 25]],
  it: [['Công nghệ thông tin hạng III', 45], ['An toàn thông tin hạng III', 15], ['Kỹ sư hạng III', 25], ['Công nghệ thông tin hạng IV', 10]],
  survey: [['Đo đạc bản đồ viên hạng III', 40], ['Đo đạc bản đồ viên hạng IV', 20], ['Kỹ sư hạng III', 25], ['Điều tra viên tài nguyên môi trường hạng III', 10]],
  landfund: [['Kỹ sư hạng III', 35], ['Địa chính viên hạng III', 30], ['Chuyên viên', 20], ['Kế toán viên', 10]],
  extension: [['Khuyến nông viên hạng III', 45], ['Kỹ sư hạng III', 30], ['Khuyến nông viên hạng IV', 15]],
}

const VIEN_CHUC_LEADER_RANK: Partial<Record<RankSet, string>> = {
  land: 'Địa chính viên hạng II',
  monitor: 'Quan trắc viên tài nguyên môi trường hạng II',
  it: 'Công nghệ thông tin hạng II',
  survey: 'Đo đạc bản đồ viên hạng II',
  landfund: 'Kỹ sư hạng II',
  extension: 'Khuyến nông viên hạng II',
}

type Role = 'head' | 'deputy' | 'staff'

function rankFor(rng: Rng, set: RankSet, staffType: StaffType, role: Role, isRoot: boolean): string {
  if (staffType === 'nguoi_lao_dong') return 'Nhân viên'
  if (isRoot) return role === 'head' ? 'Chuyên viên cao cấp' : rng.weighted([['Chuyên viên cao cấp', 1], ['Chuyên viên chính', 2]])
  if (staffType === 'vien_chuc') {
    if (role !== 'staff') return VIEN_CHUC_LEADER_RANK[set] ?? 'Kỹ sư hạng II'
    return rng.weighted(VIEN_CHUC_RANKS[set])
  }
  if (role === 'head') return set === 'inspect' ? 'Thanh tra viên chính' : set === 'forest' ? 'Kiểm lâm viên chính' : 'Chuyên viên chính'
  if (role === 'deputy') return rng.chance(0.7) ? 'Chuyên viên chính' : rng.weighted(CONG_CHUC_RANKS[set])
  return rng.weighted(CONG_CHUC_RANKS[set])
}

// ---------------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------------

/** Where a person's số định danh was issued: the former provinces Trà Vinh, Vĩnh Long, Bến Tre. */
type Origin = 'TV' | 'VL' | 'BT'

const ID_PREFIX: Record<Origin, Weighted<string>> = {
  TV: [['084', 88], ['086', 4], ['094', 4], ['092', 3], ['079', 1]],
  VL: [['086', 90], ['084', 4], ['092', 4], ['079', 2]],
  BT: [['083', 90], ['084', 3], ['086', 3], ['079', 4]],
}
const KHMER_SHARE: Record<Origin, number> = { TV: 0.3, VL: 0.05, BT: 0.02 }

type Member = {
  person: DemoPerson
  role: Role
  /** Account holders and leaders: never moved or retired at random (events still move them). */
  pinned: boolean
}

/** The decisions behind the structural changes: plausible forms, invented numbers. */
const DECISIONS = {
  merger: { number: '412/QĐ-UBND', date: '2025-02-26', issuer: 'UBND tỉnh Trà Vinh' },
  mergerUnits: { number: '436/QĐ-UBND', date: '2025-02-27', issuer: 'UBND tỉnh Trà Vinh' },
  province: { number: '01/QĐ-UBND', date: '2025-06-30', issuer: 'UBND tỉnh Vĩnh Long' },
  provinceUnits: { number: '27/QĐ-UBND', date: '2025-06-30', issuer: 'UBND tỉnh Vĩnh Long' },
  split: { number: '2874/QĐ-UBND', date: '2025-12-22', issuer: 'UBND tỉnh Vĩnh Long' },
} satisfies Record<string, DemoDecision>

const DEMO_NOTE = 'Dữ liệu minh họa (demo), không phải văn bản thật.'

export function buildDemoOrg(seed = 2026): DemoOrg {
  const rng = new Rng(seed)
  const units = new Map<string, DemoUnit>()
  const events: DemoEvent[] = []
  const people: DemoPerson[] = []
  const active = new Map<string, Member>()
  const nationalIds = new Set<string>()

  // --- units ------------------------------------------------------------------------------------------

  function unit(key: string): DemoUnit {
    const u = units.get(key)
    if (!u) throw new Error(`unknown unit ${key}`)
    return u
  }
  function lastVersion(key: string): DemoUnitVersion {
    const v = unit(key).versions.at(-1)
    if (!v) throw new Error(`unit ${key} has no version`)
    return v
  }
  /** Opens a version from `from`; the unit's previous version, if any, ends the day before. */
  function openVersion(key: string, from: string, v: Omit<DemoUnitVersion, 'validFrom' | 'validTo'>): void {
    let u = units.get(key)
    if (!u) {
      u = { key, versions: [] }
      units.set(key, u)
    } else {
      lastVersion(key).validTo = addDays(from, -1)
    }
    u.versions.push({ ...v, validFrom: from, validTo: null })
  }
  function closeUnit(key: string, lastDay: string): void {
    lastVersion(key).validTo = lastDay
  }
  function isValidOn(key: string, date: string): boolean {
    return unit(key).versions.some((v) => v.validFrom <= date && (v.validTo === null || date <= v.validTo))
  }
  function kindOf(key: string): UnitKind {
    return lastVersion(key).kind
  }
  function openPlan(plan: UnitPlan, from: string): void {
    openVersion(plan.key, from, { code: plan.code, name: plan.name, kind: plan.kind, parentKey: plan.parentKey })
  }

  // --- people -----------------------------------------------------------------------------------------

  function positionTitle(unitKey: string, role: Role): string {
    if (role === 'staff') return ''
    const [head, deputy] = TITLES[kindOf(unitKey)]
    return role === 'head' ? head : deputy
  }
  function current(m: Member): DemoAssignment {
    const a = m.person.assignments.at(-1)
    if (!a || a.validTo !== null) throw new Error(`${m.person.nationalId} has no open assignment`)
    return a
  }
  function membersOf(unitKey: string): Member[] {
    return [...active.values()].filter((m) => current(m).unitKey === unitKey)
  }
  function deputiesOf(unitKey: string): number {
    return membersOf(unitKey).filter((m) => m.role === 'deputy').length
  }
  function newNationalId(origin: Origin, sex: Sex, birthDate: string): string {
    const year = Number(birthDate.slice(0, 4))
    const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === 'nu' ? 1 : 0)
    const prefix = rng.weighted(ID_PREFIX[origin])
    for (;;) {
      const tail = String(rng.int(0, 999_999)).padStart(6, '0')
      const id = `${prefix}${centuryDigit}${birthDate.slice(2, 4)}${tail}`
      if (!nationalIds.has(id)) {
        nationalIds.add(id)
        return id
      }
    }
  }

  type Hire = {
    unitKey: string
    role: Role
    from: string
    origin: Origin
    /** Birth years allowed. */
    born: readonly [number, number]
    staffType?: StaffType
    rank?: string
    pinned?: boolean
  }
  /** A new person with an open assignment from `from` (or, for the 2024 roster, from a past date). */
  function hire(h: Hire): Member {
    const kind = kindOf(h.unitKey)
    const base = staffTypeOfKind(kind)
    const staffType: StaffType =
      h.staffType ??
      (h.role === 'staff' && rng.chance(h.unitKey === 'u-vp' ? 0.18 : 0.04) ? 'nguoi_lao_dong' : base)
    const sex: Sex = rng.chance(h.role === 'staff' ? 0.5 : 0.7) ? 'nam' : 'nu'
    const birthYear = rng.int(h.born[0], h.born[1])
    const birthDate = rng.date(`${birthYear}-01-01`, `${birthYear}-12-31`)
    const name = rng.chance(KHMER_SHARE[h.origin]) ? khmerName(rng, sex) : kinhName(rng, sex)
    const rank = h.rank ?? rankFor(rng, RANK_PLAN.get(h.unitKey) ?? 'admin', staffType, h.role, h.unitKey === ROOT)
    const person: DemoPerson = {
      nationalId: newNationalId(h.origin, sex, birthDate),
      ...name,
      birthDate,
      sex,
      email: null,
      rank,
      staffType,
      leftOn: null,
      assignments: [{ unitKey: h.unitKey, position: positionTitle(h.unitKey, h.role), validFrom: h.from, validTo: null }],
    }
    const member: Member = { person, role: h.role, pinned: h.pinned ?? h.role !== 'staff' }
    people.push(person)
    active.set(person.nationalId, member)
    return member
  }
  /** Ends the current assignment the day before `date` and opens a new one from `date`. */
  function reassign(m: Member, unitKey: string, role: Role, date: string): void {
    const a = current(m)
    if (a.validFrom >= date) throw new Error(`reassign of ${m.person.nationalId} on ${date} before ${a.validFrom}`)
    a.validTo = addDays(date, -1)
    m.role = role
    m.person.assignments.push({ unitKey, position: positionTitle(unitKey, role), validFrom: date, validTo: null })
  }
  /** `lastDay` is the last working day. */
  function retire(m: Member, lastDay: string): void {
    current(m).validTo = lastDay
    m.person.leftOn = lastDay
    active.delete(m.person.nationalId)
  }

  /** Staffs a new unit: a head, deputies, staff; everyone from `from`. */
  function staffUnit(plan: UnitPlan, from: string | ((born: number) => string), origin: Origin): Member[] {
    const size = rng.int(plan.size[0], plan.size[1])
    const deputies = rng.int(plan.deputies[0], plan.deputies[1])
    const out: Member[] = []
    for (let i = 0; i < size; i++) {
      const role: Role = i === 0 ? 'head' : i <= deputies ? 'deputy' : 'staff'
      const born: readonly [number, number] = role === 'staff' ? [1966, 2000] : [1966, 1982]
      // The start date may depend on the birth year, which hire() draws: set it afterwards.
      const m = hire({ unitKey: plan.key, role, from: '0000-00-00', origin, born })
      const a = current(m)
      a.validFrom = typeof from === 'string' ? from : from(Number(m.person.birthDate.slice(0, 4)))
      out.push(m)
    }
    return out
  }

  // --- 2024: the Sở TN-MT tỉnh Trà Vinh ------------------------------------------------------------------

  for (const plan of UNITS_2024) openPlan(plan, plan.validFrom)
  for (const plan of UNITS_2024) {
    // In post since some date before 2024, never before the unit existed or before the age of 22.
    const unitFrom = plan.validFrom
    staffUnit(plan, (born) => rng.date(maxDate(maxDate(unitFrom, `${born + 22}-09-01`), '2004-01-01'), '2023-12-01'), 'TV')
  }
  // The accounts' people: ordinary công chức of Phòng Quản lý đất đai and of the Văn phòng.
  const pinStaff = (unitKey: string, rank: string): Member => {
    const m = membersOf(unitKey).find((x) => x.role === 'staff' && !x.pinned)
    if (!m) throw new Error(`no staff in ${unitKey}`)
    m.pinned = true
    m.person.staffType = 'cong_chuc'
    m.person.rank = rank
    return m
  }
  const learner = pinStaff('u-qldd', 'Chuyên viên')
  const hrOfficer = pinStaff('u-vp', 'Chuyên viên chính')
  const adminUser = pinStaff('u-vp', 'Chuyên viên')
  const qlddHead = membersOf('u-qldd').find((m) => m.role === 'head')
  if (!qlddHead) throw new Error('Phòng Quản lý đất đai has no head')
  const accountHolders = new Set<Member>([learner, hrOfficer, adminUser, qlddHead])

  // --- structural events --------------------------------------------------------------------------------

  function addEvent(e: DemoEvent): void {
    events.push({ ...e, note: e.note ? `${DEMO_NOTE} ${e.note}` : DEMO_NOTE })
  }
  function rename(key: string, date: string, code: string, name: string, decision: DemoDecision, note: string): void {
    const v = lastVersion(key)
    openVersion(key, date, { code, name, kind: v.kind, parentKey: v.parentKey })
    addEvent({ type: 'rename', date, decision, fromKeys: [key], toKeys: [key], note })
  }
  /** Everyone in `fromKeys` goes to the new unit: heads first, then deputies, up to one head and two deputies. */
  function merge(fromKeys: string[], plan: UnitPlan, date: string, decision: DemoDecision, note: string): void {
    const members = fromKeys.flatMap((k) => membersOf(k))
    for (const k of fromKeys) closeUnit(k, addDays(date, -1))
    openPlan(plan, date)
    const order: Role[] = ['head', 'deputy', 'staff']
    const sorted = order.flatMap((r) => members.filter((m) => m.role === r))
    let heads = 0
    let deputies = 0
    for (const m of sorted) {
      let role: Role = 'staff'
      if (m.role !== 'staff' && heads === 0) role = 'head'
      else if (m.role !== 'staff' && deputies < 2) role = 'deputy'
      if (role === 'head') heads++
      if (role === 'deputy') deputies++
      reassign(m, plan.key, role, date)
      m.pinned = role !== 'staff' || accountHolders.has(m)
    }
    addEvent({ type: 'merge', date, decision, fromKeys, toKeys: [plan.key], note })
  }
  function create(plan: UnitPlan, date: string, decision: DemoDecision, origin: Origin, note: string): void {
    openPlan(plan, date)
    staffUnit(plan, date, origin)
    addEvent({ type: 'create', date, decision, fromKeys: [], toKeys: [plan.key], note })
  }

  // --- random movement ----------------------------------------------------------------------------------

  const STRUCTURAL_DATES = new Set([MERGER_DATE, PROVINCE_DATE, SPLIT_DATE])
  type Action = 'move' | 'leave' | 'join'
  type Scheduled = { date: string; action: Action }
  function schedule(from: string, to: string, counts: Record<Action, number>): Scheduled[] {
    const out: Scheduled[] = []
    for (const action of ['move', 'leave', 'join'] as const) {
      for (let i = 0; i < counts[action]; i++) {
        let date = rng.date(from, to)
        while (STRUCTURAL_DATES.has(date)) date = addDays(date, 1)
        out.push({ date, action })
      }
    }
    return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  }
  function validUnitsOn(date: string): string[] {
    return [...units.keys()].filter((k) => k !== ROOT && isValidOn(k, date))
  }
  function runActions(list: Scheduled[]): void {
    for (const { date, action } of list) {
      const movable = [...active.values()].filter((m) => !m.pinned && m.role === 'staff' && current(m).validFrom < date)
      if (action === 'leave') {
        if (movable.length) retire(rng.pick(movable), date)
      } else if (action === 'move') {
        if (!movable.length) continue
        const m = rng.pick(movable)
        const from = current(m).unitKey
        const targets = validUnitsOn(date).filter(
          (k) =>
            k !== from &&
            (m.person.staffType === 'nguoi_lao_dong' || staffTypeOfKind(kindOf(k)) === m.person.staffType),
        )
        if (targets.length) reassign(m, rng.pick(targets), 'staff', date)
      } else {
        // A joiner goes where the people are: the unit of a random colleague.
        const colleagues = [...active.values()].filter((m) => current(m).unitKey !== ROOT)
        const unitKey = current(rng.pick(colleagues)).unitKey
        const origin: Origin = date < PROVINCE_DATE ? 'TV' : rng.weighted([['TV', 6], ['VL', 3], ['BT', 2]])
        const born: readonly [number, number] = rng.chance(0.75) ? [1990, Math.min(2002, Number(date.slice(0, 4)) - 22)] : [1975, 1990]
        hire({ unitKey, role: 'staff', from: date, origin, born })
      }
    }
  }

  // 2024 and the first two months of 2025
  runActions(schedule('2024-01-02', '2025-02-27', { move: 14, leave: 17, join: 18 }))

  // --- 01/3/2025: Sở Nông nghiệp và Môi trường tỉnh Trà Vinh ---------------------------------------------

  rename(ROOT, MERGER_DATE, 'SNNMT-TV', 'Sở Nông nghiệp và Môi trường tỉnh Trà Vinh', DECISIONS.merger,
    'Hợp nhất Sở Tài nguyên và Môi trường và Sở Nông nghiệp và Phát triển nông thôn thành Sở Nông nghiệp và Môi trường tỉnh Trà Vinh.')
  merge(['u-tnn', 'u-ccbhd'],
    { key: 'u-tnn-ks-bien', code: 'TNN-KS-B', name: 'Phòng Tài nguyên nước, Khoáng sản và Biển', kind: 'phong', parentKey: ROOT, ranks: 'admin', size: [0, 0], deputies: [0, 0] },
    MERGER_DATE, DECISIONS.mergerUnits,
    'Hợp nhất Phòng Tài nguyên nước – Khoáng sản – Khí tượng thủy văn và Chi cục Biển và Hải đảo.')
  for (const plan of UNITS_FROM_NNPTNT) {
    create(plan, MERGER_DATE, DECISIONS.merger, 'TV', `${plan.name} chuyển về từ Sở Nông nghiệp và Phát triển nông thôn.`)
  }

  runActions(schedule('2025-03-02', '2025-06-29', { move: 6, leave: 7, join: 6 }))

  // --- 01/7/2025: Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long ---------------------------------------------

  rename(ROOT, PROVINCE_DATE, 'SNNMT-VL', 'Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long', DECISIONS.province,
    'Sắp xếp tỉnh Trà Vinh, Vĩnh Long, Bến Tre thành tỉnh Vĩnh Long; chính quyền địa phương hai cấp.')
  for (const area of AREAS) {
    merge(area.districts.map(branchKey),
      { key: `u-cn-kv${area.n}`, code: `CN-KV${area.n}`, name: `Chi nhánh Văn phòng Đăng ký đất đai khu vực ${area.n}`, kind: 'chi_nhanh', parentKey: 'u-vpdkdd', ranks: 'land', size: [0, 0], deputies: [0, 0] },
      PROVINCE_DATE, DECISIONS.provinceUnits,
      'Không tổ chức cấp huyện: các chi nhánh cấp huyện sắp xếp thành chi nhánh khu vực.')
  }
  {
    // The IT centre is dissolved: its people join the Văn phòng Sở or leave.
    const lastDay = addDays(PROVINCE_DATE, -1)
    const members = membersOf('u-ttcntt')
    closeUnit('u-ttcntt', lastDay)
    for (const m of members) {
      if (m.role !== 'staff') reassign(m, 'u-vp', deputiesOf('u-vp') < 2 ? 'deputy' : 'staff', PROVINCE_DATE)
      else if (rng.chance(0.65)) reassign(m, 'u-vp', 'staff', PROVINCE_DATE)
      else retire(m, lastDay)
    }
    addEvent({ type: 'dissolve', date: PROVINCE_DATE, decision: DECISIONS.provinceUnits, fromKeys: ['u-ttcntt'], toKeys: [],
      note: 'Giải thể Trung tâm Công nghệ thông tin tài nguyên và môi trường; viên chức chuyển về Văn phòng Sở hoặc nghỉ việc.' })
  }
  for (const plan of UNITS_FROM_PROVINCES) {
    create(plan, PROVINCE_DATE, DECISIONS.provinceUnits, plan.origin, `${plan.name} chuyển về từ tỉnh ${plan.origin === 'VL' ? 'Vĩnh Long' : 'Bến Tre'} (cũ).`)
  }

  runActions(schedule('2025-07-02', '2025-12-30', { move: 8, leave: 9, join: 8 }))

  // --- 01/01/2026: Phòng Quản lý đất đai is split -----------------------------------------------------------

  {
    const first: UnitPlan = { key: 'u-qldd-2026', code: 'QLDD', name: 'Phòng Quản lý đất đai', kind: 'phong', parentKey: ROOT, ranks: 'admin', size: [0, 0], deputies: [0, 0] }
    const second: UnitPlan = { key: 'u-ddbdvt', code: 'DDBDVT', name: 'Phòng Đo đạc, Bản đồ và Viễn thám', kind: 'phong', parentKey: ROOT, ranks: 'admin', size: [0, 0], deputies: [0, 0] }
    const members = membersOf('u-qldd')
    closeUnit('u-qldd', addDays(SPLIT_DATE, -1))
    openPlan(first, SPLIT_DATE)
    openPlan(second, SPLIT_DATE)
    const deputies = members.filter((m) => m.role === 'deputy')
    const staff = members.filter((m) => m.role === 'staff')
    const toSecond = new Set(staff.filter((m) => m !== learner && rng.chance(0.35)))
    for (const m of staff) {
      if (toSecond.size >= 3) break
      if (m !== learner) toSecond.add(m)
    }
    // The second successor needs a head: the second deputy if there is one, else a senior staff member.
    const secondHead = deputies[1] ?? staff.find((m) => toSecond.has(m))
    for (const m of members) {
      if (m === secondHead) {
        toSecond.delete(m)
        reassign(m, second.key, 'head', SPLIT_DATE)
        m.pinned = true
      } else if (m.role === 'head') reassign(m, first.key, 'head', SPLIT_DATE)
      else if (m.role === 'deputy') reassign(m, first.key, 'deputy', SPLIT_DATE)
      else reassign(m, toSecond.has(m) ? second.key : first.key, 'staff', SPLIT_DATE)
    }
    addEvent({ type: 'split', date: SPLIT_DATE, decision: DECISIONS.split, fromKeys: ['u-qldd'], toKeys: [first.key, second.key],
      note: 'Tách Phòng Quản lý đất đai thành Phòng Quản lý đất đai và Phòng Đo đạc, Bản đồ và Viễn thám.' })
  }

  runActions(schedule('2026-01-02', SIMULATION_END, { move: 6, leave: 10, join: 10 }))

  // --- emails: the mailbox of the organisation the person last worked for --------------------------------------

  const emails = new Set<string>()
  for (const p of people) {
    const noMail = p.staffType === 'nguoi_lao_dong' ? 0.7 : 0.04
    if (rng.chance(noMail)) continue
    const last = p.leftOn ?? '9999-12-31'
    const domain = last < MERGER_DATE ? 'stnmt.travinh.gov.vn' : last < PROVINCE_DATE ? 'snnmt.travinh.gov.vn' : 'snnmt.vinhlong.gov.vn'
    const ascii = (s: string) => foldForSearch(s).replace(/[^a-z]/g, '')
    const initials = foldForSearch(p.chuDem).split(' ').filter(Boolean).map((w) => w[0]).join('')
    const ten = ascii(p.ten)
    const ho = ascii(p.ho)
    const candidates = [`${ten}.${ho}`, `${ten}.${initials}${ho}`, `${ten}.${initials}${ho}${p.birthDate.slice(2, 4)}`]
    for (let n = 2; ; n++) {
      const local = candidates.shift() ?? `${ten}.${initials}${ho}${n}`
      const email = `${local}@${domain}`
      if (!emails.has(email)) {
        emails.add(email)
        p.email = email
        break
      }
    }
  }

  // --- accounts ----------------------------------------------------------------------------------------------

  const account = (username: string, m: Member, role: DemoAccount['role'], scopeUnitKey: string | null): DemoAccount => ({
    username,
    displayName: formatFullName(m.person),
    role,
    personNationalId: m.person.nationalId,
    scopeUnitKey,
  })
  const accounts: DemoAccount[] = [
    account('hocvien', learner, 'learner', null),
    account('truongphong', qlddHead, 'unit_head', 'u-qldd-2026'),
    account('tochuc', hrOfficer, 'hr', null),
    account('quantri', adminUser, 'admin', null),
  ]

  return { units: [...units.values()], events, people, accounts }
}
