/**
 * The benchmark's organisation, planned in memory (pure: no I/O, no clock, no Math.random). A department is
 * a Sở with about 60 units — offices, inspectorate, phòng, chi cục with their phòng, a land registration office
 * with nine branches, centres with their phòng — and the history the demo has in small: a move (01/7/2024), a
 * merger of two phòng (01/3/2025), the Sở's renaming (01/7/2025) and a split (01/01/2026). The province is 25
 * such departments under one UBND. One centre of department 0 has exactly `teamUnitPeople` people in post on
 * `today`: the unit head scenario's team.
 */
import type { StaffType, UnitKind } from '../../app/db/schema'

export type ScaleName = 'tiny' | 'department' | 'province'

export type ScaleSpec = {
  departments: number
  /** People ever employed (rows of `people`), all departments together. */
  people: number
  /** In post on `today` in the team unit's subtree (department 0). */
  teamUnitPeople: number
  /** Learner accounts whose lessons are all done: quiz takers. */
  quizLearners: number
  /** Learner accounts with no progress: readers and lesson-done posters. */
  readerLearners: number
}

export const SCALES: Record<ScaleName, ScaleSpec> = {
  tiny: { departments: 2, people: 600, teamUnitPeople: 40, quizLearners: 30, readerLearners: 20 },
  department: { departments: 1, people: 3_500, teamUnitPeople: 300, quizLearners: 2_100, readerLearners: 500 },
  province: { departments: 25, people: 100_000, teamUnitPeople: 300, quizLearners: 2_100, readerLearners: 500 },
}

/** The centre whose head is the /team scenario's user (department 0's first centre). */
export const TEAM_UNIT_ID = 'u-0-tt1'

export type PlanUnitVersion = {
  code: string
  name: string
  kind: UnitKind
  parentId: string | null
  validFrom: string
  validTo: string | null
  eventKey: string | null
}
export type PlanUnit = { id: string; versions: PlanUnitVersion[] }
export type PlanEvent = {
  key: string
  type: 'rename' | 'move' | 'merge' | 'split'
  date: string
  decision: string
  links: { from: string; to: string; ordinal: number }[]
}
export type PlanAssignment = {
  unitId: string
  position: string
  validFrom: string
  validTo: string | null
  source: string
}
export type PlanPerson = {
  id: string
  nationalId: string
  ho: string
  chuDem: string
  ten: string
  birthDate: string
  sex: 'nam' | 'nu'
  email: string | null
  rank: string
  staffType: StaffType
  leftOn: string | null
  assignments: PlanAssignment[]
  /** True for people who may get a bench learner account (in post on `today`, not leaving). */
  current: boolean
}
export type PlanOrg = {
  units: PlanUnit[]
  events: PlanEvent[]
  people: PlanPerson[]
  /** The unit the unit head scenario's head leads, and that head's person id. */
  teamUnitId: string
  teamHeadPersonId: string
  /** Unit ids by template slug across departments (for plan audiences). */
  unitsBySlug: Map<string, string[]>
}

// ---------------------------------------------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function isoAddDays(iso: string, days: number): string {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days))
  return d.toISOString().slice(0, 10)
}

export function dayNumber(iso: string): number {
  return Math.round(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000,
  )
}

export function randomDate(random: () => number, from: string, to: string): string {
  const span = dayNumber(to) - dayNumber(from)
  return isoAddDays(from, Math.floor(random() * (span + 1)))
}

// ---------------------------------------------------------------------------------------------------------
// The department template
// ---------------------------------------------------------------------------------------------------------

type TemplateUnit = {
  slug: string
  name: string
  kind: UnitKind
  parent: string | null
  weight: number
  head: string
  deputy: string
}

const CHI_CUC = ['Chi cục Kiểm lâm', 'Chi cục Thủy lợi', 'Chi cục Chăn nuôi và Thú y']
const CHI_CUC_PHONG = ['Phòng Hành chính - Tổng hợp', 'Phòng Nghiệp vụ', 'Phòng Thanh tra - Pháp chế']
const HUYEN = [
  'Càng Long',
  'Châu Thành',
  'Cầu Kè',
  'Tiểu Cần',
  'Cầu Ngang',
  'Trà Cú',
  'Duyên Hải',
  'Long Hồ',
  'Mang Thít',
]
const TRUNG_TAM = [
  'Trung tâm Quan trắc tài nguyên và môi trường',
  'Trung tâm Khuyến nông',
  'Trung tâm Nước sạch và Vệ sinh môi trường nông thôn',
  'Trung tâm Kỹ thuật tài nguyên và môi trường',
  'Trung tâm Công nghệ thông tin',
]
const TRUNG_TAM_PHONG = ['Phòng Hành chính - Tổng hợp', 'Phòng Kỹ thuật', 'Phòng Dịch vụ', 'Phòng Dữ liệu']

function departmentTemplate(): TemplateUnit[] {
  const t: TemplateUnit[] = [
    { slug: 'so', name: 'Sở', kind: 'so', parent: null, weight: 0.4, head: 'Giám đốc', deputy: 'Phó Giám đốc' },
    {
      slug: 'vp',
      name: 'Văn phòng',
      kind: 'van_phong',
      parent: 'so',
      weight: 3,
      head: 'Chánh Văn phòng',
      deputy: 'Phó Chánh Văn phòng',
    },
    {
      slug: 'tt',
      name: 'Thanh tra',
      kind: 'thanh_tra',
      parent: 'so',
      weight: 2,
      head: 'Chánh Thanh tra',
      deputy: 'Phó Chánh Thanh tra',
    },
    ...[
      'Phòng Kế hoạch - Tài chính',
      'Phòng Tổ chức cán bộ',
      'Phòng Quản lý đất đai',
      'Phòng Tài nguyên nước',
      'Phòng Môi trường',
      'Phòng Chuyển đổi số',
    ].map(
      (name, i): TemplateUnit => ({
        slug: `p${i + 1}`,
        name,
        kind: 'phong',
        parent: 'so',
        weight: 2,
        head: 'Trưởng phòng',
        deputy: 'Phó Trưởng phòng',
      }),
    ),
  ]
  CHI_CUC.forEach((name, i) => {
    t.push({
      slug: `cc${i + 1}`,
      name,
      kind: 'chi_cuc',
      parent: 'so',
      weight: 1,
      head: 'Chi cục trưởng',
      deputy: 'Phó Chi cục trưởng',
    })
    CHI_CUC_PHONG.forEach((p, j) =>
      t.push({
        slug: `cc${i + 1}p${j + 1}`,
        name: p,
        kind: 'phong',
        parent: `cc${i + 1}`,
        weight: 3,
        head: 'Trưởng phòng',
        deputy: 'Phó Trưởng phòng',
      }),
    )
  })
  t.push({
    slug: 'vpdk',
    name: 'Văn phòng Đăng ký đất đai',
    kind: 'trung_tam',
    parent: 'so',
    weight: 3,
    head: 'Giám đốc',
    deputy: 'Phó Giám đốc',
  })
  HUYEN.forEach((h, i) =>
    t.push({
      slug: `cn${i + 1}`,
      name: `Chi nhánh Văn phòng Đăng ký đất đai ${h}`,
      kind: 'chi_nhanh',
      parent: 'vpdk',
      weight: 4,
      head: 'Giám đốc Chi nhánh',
      deputy: 'Phó Giám đốc Chi nhánh',
    }),
  )
  TRUNG_TAM.forEach((name, i) => {
    t.push({
      slug: `tt${i + 1}`,
      name,
      kind: 'trung_tam',
      parent: 'so',
      weight: 1,
      head: 'Giám đốc',
      deputy: 'Phó Giám đốc',
    })
    TRUNG_TAM_PHONG.forEach((p, j) =>
      t.push({
        slug: `tt${i + 1}p${j + 1}`,
        name: p,
        kind: 'phong',
        parent: `tt${i + 1}`,
        weight: 4,
        head: 'Trưởng phòng',
        deputy: 'Phó Trưởng phòng',
      }),
    )
  })
  t.push({
    slug: 'ban',
    name: 'Ban Quản lý dự án',
    kind: 'khac',
    parent: 'so',
    weight: 1,
    head: 'Giám đốc',
    deputy: 'Phó Giám đốc',
  })
  ;['Phòng Kế hoạch', 'Phòng Kỹ thuật', 'Phòng Hành chính'].forEach((p, j) =>
    t.push({
      slug: `banp${j + 1}`,
      name: p,
      kind: 'phong',
      parent: 'ban',
      weight: 3,
      head: 'Trưởng phòng',
      deputy: 'Phó Trưởng phòng',
    }),
  )
  return t
}

const SO_NAMES = [
  ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường'],
  ['Sở Kế hoạch và Đầu tư', 'Sở Tài chính'],
  ['Sở Giao thông vận tải', 'Sở Xây dựng'],
  ['Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ'],
  ['Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ'],
]
function soNames(d: number): [string, string] {
  const pair = SO_NAMES[d % SO_NAMES.length]!
  const suffix = d < SO_NAMES.length ? '' : ` (khối ${Math.floor(d / SO_NAMES.length) + 1})`
  return [`${pair[0]}${suffix}`, `${pair[1]}${suffix}`]
}

export const LEADER_POSITIONS = [
  'Giám đốc',
  'Phó Giám đốc',
  'Chánh Văn phòng',
  'Phó Chánh Văn phòng',
  'Chánh Thanh tra',
  'Phó Chánh Thanh tra',
  'Trưởng phòng',
  'Phó Trưởng phòng',
  'Chi cục trưởng',
  'Phó Chi cục trưởng',
  'Giám đốc Chi nhánh',
  'Phó Giám đốc Chi nhánh',
]

const BEGINNING = '2000-01-01'
export const MOVE_DATE = '2024-07-01'
export const MERGE_DATE = '2025-03-01'
export const RENAME_DATE = '2025-07-01'
export const SPLIT_DATE = '2026-01-01'

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

const HO = [
  'Nguyễn',
  'Nguyễn',
  'Nguyễn',
  'Trần',
  'Trần',
  'Lê',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Trương',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đoàn',
]
const KHMER_HO = ['Thạch', 'Thạch', 'Kim', 'Sơn', 'Danh', 'Lâm', 'Trà', 'Kiên']
const DEM_NAM = [
  'Văn',
  'Văn',
  'Minh',
  'Thanh',
  'Hoàng',
  'Quốc',
  'Hữu',
  'Công',
  'Đức',
  'Tấn',
  'Thành',
  'Phước',
  'Duy',
  'Chí',
  'Ngọc',
]
const DEM_NU = ['Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim', 'Mỹ', 'Hồng', 'Bích', 'Phương', 'Thị Ngọc', 'Thị Kim']
const TEN_NAM = [
  'An',
  'Bảo',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Đạt',
  'Đức',
  'Hải',
  'Hiếu',
  'Hòa',
  'Hùng',
  'Huy',
  'Khang',
  'Khoa',
  'Lâm',
  'Lộc',
  'Long',
  'Minh',
  'Nam',
  'Nghĩa',
  'Nhân',
  'Phát',
  'Phong',
  'Phúc',
  'Quang',
  'Sơn',
  'Tài',
  'Tâm',
  'Thái',
  'Thắng',
  'Thịnh',
  'Toàn',
  'Trí',
  'Trung',
  'Tuấn',
  'Tùng',
  'Vinh',
]
const TEN_NU = [
  'Anh',
  'Ánh',
  'Bích',
  'Châu',
  'Diễm',
  'Dung',
  'Duyên',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hồng',
  'Hương',
  'Huyền',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Ngọc',
  'Nhi',
  'Nhung',
  'Phượng',
  'Thảo',
  'Thủy',
  'Trang',
  'Trâm',
  'Tuyết',
  'Uyên',
  'Vân',
  'Vy',
  'Yến',
]
const KHMER_TEN = [
  'Sô Phol',
  'Sà Rết',
  'Sa Vươn',
  'Chăn Đa',
  'Sóc Khanh',
  'Ra Tha',
  'Sô Khết',
  'Kha Rinh',
  'Pho Ni',
  'Sa Rươn',
  'Srey Mom',
  'Sô Phia',
]

// ---------------------------------------------------------------------------------------------------------

/** Plans the organisation of `spec` as it stood on every day from 2000 to `today` (ISO date). */
export function planOrg(spec: ScaleSpec, today: string, seed = 2026): PlanOrg {
  const random = mulberry32(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const template = departmentTemplate()
  const units: PlanUnit[] = []
  const events: PlanEvent[] = []
  const people: PlanPerson[] = []
  const unitsBySlug = new Map<string, string[]>()
  const province = spec.departments > 1
  const rootId = province ? 'u-ubnd' : null
  if (rootId)
    units.push({
      id: rootId,
      versions: [
        {
          code: 'UBND',
          name: 'Ủy ban nhân dân tỉnh',
          kind: 'khac',
          parentId: null,
          validFrom: BEGINNING,
          validTo: null,
          eventKey: null,
        },
      ],
    })

  const perDepartment = Math.floor(spec.people / spec.departments)
  let personSeq = 0
  let teamUnitId = ''
  let teamHeadPersonId = ''

  for (let d = 0; d < spec.departments; d++) {
    const id = (slug: string) => `u-${d}-${slug}`
    const code = (slug: string) => `S${String(d + 1).padStart(2, '0')}.${slug.toUpperCase()}`
    const addSlug = (slug: string, unitId: string) => unitsBySlug.set(slug, [...(unitsBySlug.get(slug) ?? []), unitId])
    const [oldName, newName] = soNames(d)
    const ev = (name: string) => `${d}:${name}`

    for (const t of template) {
      const parentId = t.parent ? id(t.parent) : rootId
      const base: PlanUnitVersion = {
        code: code(t.slug),
        name: t.slug === 'so' ? oldName : t.name,
        kind: t.kind,
        parentId,
        validFrom: BEGINNING,
        validTo: null,
        eventKey: null,
      }
      let versions: PlanUnitVersion[] = [base]
      if (t.slug === 'so') {
        versions = [
          { ...base, validTo: isoAddDays(RENAME_DATE, -1) },
          { ...base, code: `${code('so')}N`, name: newName, validFrom: RENAME_DATE, eventKey: ev('rename') },
        ]
      } else if (t.slug === 'cc1p3') {
        // Moved from Chi cục 1 to Chi cục 2.
        versions = [
          { ...base, validTo: isoAddDays(MOVE_DATE, -1) },
          { ...base, parentId: id('cc2'), validFrom: MOVE_DATE, eventKey: ev('move') },
        ]
      } else if (t.slug === 'p4' || t.slug === 'p5') {
        versions = [{ ...base, validTo: isoAddDays(MERGE_DATE, -1) }]
      } else if (t.slug === 'p3') {
        versions = [{ ...base, validTo: isoAddDays(SPLIT_DATE, -1) }]
      }
      units.push({ id: id(t.slug), versions })
      addSlug(t.slug, id(t.slug))
    }
    units.push({
      id: id('p45'),
      versions: [
        {
          code: code('p45'),
          name: 'Phòng Tài nguyên nước và Môi trường',
          kind: 'phong',
          parentId: id('so'),
          validFrom: MERGE_DATE,
          validTo: null,
          eventKey: ev('merge'),
        },
      ],
    })
    units.push({
      id: id('p3a'),
      versions: [
        {
          code: code('p3a'),
          name: 'Phòng Quản lý đất đai',
          kind: 'phong',
          parentId: id('so'),
          validFrom: SPLIT_DATE,
          validTo: null,
          eventKey: ev('split'),
        },
      ],
    })
    units.push({
      id: id('p3b'),
      versions: [
        {
          code: code('p3b'),
          name: 'Phòng Đo đạc, bản đồ và viễn thám',
          kind: 'phong',
          parentId: id('so'),
          validFrom: SPLIT_DATE,
          validTo: null,
          eventKey: ev('split'),
        },
      ],
    })
    for (const slug of ['p45', 'p3a', 'p3b']) addSlug(slug, id(slug))
    events.push(
      {
        key: ev('move'),
        type: 'move',
        date: MOVE_DATE,
        decision: `${100 + d}/QĐ-UBND`,
        links: [{ from: id('cc1p3'), to: id('cc1p3'), ordinal: 0 }],
      },
      {
        key: ev('merge'),
        type: 'merge',
        date: MERGE_DATE,
        decision: `${200 + d}/QĐ-UBND`,
        links: [
          { from: id('p4'), to: id('p45'), ordinal: 0 },
          { from: id('p5'), to: id('p45'), ordinal: 1 },
        ],
      },
      {
        key: ev('rename'),
        type: 'rename',
        date: RENAME_DATE,
        decision: `${300 + d}/QĐ-UBND`,
        links: [{ from: id('so'), to: id('so'), ordinal: 0 }],
      },
      {
        key: ev('split'),
        type: 'split',
        date: SPLIT_DATE,
        decision: `${400 + d}/QĐ-UBND`,
        links: [
          { from: id('p3'), to: id('p3a'), ordinal: 0 },
          { from: id('p3'), to: id('p3b'), ordinal: 1 },
        ],
      },
    )

    // Where people go: the team subtree (tt1 and its phòng, department 0) gets a fixed block of current staff.
    const teamSlugs = new Set(['tt1', ...TRUNG_TAM_PHONG.map((_, j) => `tt1p${j + 1}`)])
    const isTeam = (slug: string) => d === 0 && teamSlugs.has(slug)
    const open = template.filter((t) => !isTeam(t.slug))
    const totalWeight = open.reduce((s, t) => s + t.weight, 0)
    const stable = open.filter((t) => !['p3', 'p4', 'p5'].includes(t.slug)).map((t) => t.slug)
    const slugKind = new Map(template.map((t) => [t.slug, t]))
    const headsGiven = new Map<string, number>()
    const count = d === spec.departments - 1 ? spec.people - perDepartment * (spec.departments - 1) : perDepartment
    const teamBlock = d === 0 ? spec.teamUnitPeople : 0

    for (let i = 0; i < count; i++) {
      const inTeam = i < teamBlock
      let slug: string
      if (inTeam) {
        slug = i === 0 ? 'tt1' : `tt1p${((i - 1) % TRUNG_TAM_PHONG.length) + 1}`
      } else {
        let r = random() * totalWeight
        slug = open[open.length - 1]!.slug
        for (const t of open) {
          r -= t.weight
          if (r < 0) {
            slug = t.slug
            break
          }
        }
      }
      const t = slugKind.get(slug)!
      const given = headsGiven.get(slug) ?? 0
      headsGiven.set(slug, given + 1)
      const position = given === 0 ? t.head : given <= 2 ? t.deputy : ''
      const centre =
        ['trung_tam', 'chi_nhanh'].includes(t.kind) ||
        slug.startsWith('tt') ||
        slug.startsWith('cn') ||
        slug.startsWith('ban')
      const staffType: StaffType = centre
        ? random() < 0.85
          ? 'vien_chuc'
          : 'nguoi_lao_dong'
        : random() < 0.9
        ? 'cong_chuc'
        : 'nguoi_lao_dong'
      const joiner = !inTeam && random() < 0.12
      const start = joiner
        ? randomDate(random, '2024-01-01', isoAddDays(today, -30))
        : randomDate(random, '2005-01-01', '2023-12-31')
      const leaves = !inTeam && position === '' && random() < 0.05
      const leaveFrom = maxDate(isoAddDays(start, 30), '2024-02-01')
      const leftOn = leaves && leaveFrom < today ? randomDate(random, leaveFrom, isoAddDays(today, -1)) : null
      const moves = !inTeam && position === '' && random() < 0.06

      // The person's units over time before lineage: [unit from start], possibly a move to another stable unit.
      const segments: { slug: string; from: string }[] = [{ slug, from: start }]
      if (moves) {
        const moveFrom = maxDate(isoAddDays(start, 60), '2024-01-15')
        const moveOn = moveFrom < isoAddDays(today, -15) ? randomDate(random, moveFrom, isoAddDays(today, -15)) : null
        if (moveOn && (!leftOn || moveOn < leftOn)) segments.push({ slug: pick(stable), from: moveOn })
      }
      const assignments: PlanAssignment[] = []
      segments.forEach((segment, k) => {
        const end = segments[k + 1] ? isoAddDays(segments[k + 1]!.from, -1) : leftOn
        for (const piece of throughLineage(segment.slug, segment.from, end, random)) {
          assignments.push({
            unitId: id(piece.slug),
            position,
            validFrom: piece.from,
            validTo: piece.to,
            source: piece.source,
          })
        }
      })
      const khmer = random() < 0.15
      const sex = random() < 0.5 ? 'nam' : 'nu'
      const birthDate = randomDate(random, '1966-01-01', '2001-12-31')
      const seq = ++personSeq
      const person: PlanPerson = {
        id: `p-b${seq.toString(36)}`,
        nationalId: `084${birthDate < '2000-01-01' ? (sex === 'nam' ? 0 : 1) : sex === 'nam' ? 2 : 3}${birthDate.slice(
          2,
          4,
        )}${String(seq).padStart(6, '0')}`,
        ho: khmer ? pick(KHMER_HO) : pick(HO),
        chuDem: khmer ? '' : pick(sex === 'nam' ? DEM_NAM : DEM_NU),
        ten: khmer ? pick(KHMER_TEN) : pick(sex === 'nam' ? TEN_NAM : TEN_NU),
        birthDate,
        sex,
        email: random() < 0.7 ? `cb${seq}@vinhlong.gov.vn` : null,
        rank:
          staffType === 'cong_chuc'
            ? pick(['Chuyên viên', 'Chuyên viên', 'Chuyên viên chính', 'Thanh tra viên', 'Kiểm lâm viên'])
            : staffType === 'vien_chuc'
            ? pick(['Kỹ sư hạng III', 'Kỹ sư hạng II', 'Quan trắc viên hạng III', 'Chuyên viên'])
            : 'Nhân viên',
        staffType,
        leftOn,
        assignments,
        current: !leftOn && start <= today,
      }
      people.push(person)
      if (d === 0 && inTeam && i === 0) {
        teamUnitId = id('tt1')
        teamHeadPersonId = person.id
      }
    }
  }
  return { units, events, people, teamUnitId, teamHeadPersonId, unitsBySlug }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b
}

/**
 * A stay in a template unit from `from` to `to`, cut where the lineage ends the unit: the phòng of the
 * merger continue in the merged phòng, the split phòng in one of its successors (four in ten in the second).
 */
function throughLineage(
  slug: string,
  from: string,
  to: string | null,
  random: () => number,
): { slug: string; from: string; to: string | null; source: string }[] {
  const successor = (s: string): { slug: string; date: string; source: string } | null => {
    if (s === 'p4' || s === 'p5') return { slug: 'p45', date: MERGE_DATE, source: 'merge' }
    if (s === 'p3') return { slug: random() < 0.6 ? 'p3a' : 'p3b', date: SPLIT_DATE, source: 'split' }
    return null
  }
  const out: { slug: string; from: string; to: string | null; source: string }[] = []
  let current = slug
  let start = from
  let source = 'seed'
  for (;;) {
    const next = successor(current)
    if (!next || (to !== null && to < next.date)) {
      out.push({ slug: current, from: start, to, source })
      return out
    }
    if (start < next.date) out.push({ slug: current, from: start, to: isoAddDays(next.date, -1), source })
    current = next.slug
    start = start < next.date ? next.date : start
    source = next.source
  }
}
