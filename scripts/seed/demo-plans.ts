/**
 * The demo department's annual training plans, 2024–2026: the yearly digital-skills and information-security
 * courses for everyone (QĐ 146/QĐ-TTg, QĐ 1907/QĐ-TTg), and job-position courses for the units that need them.
 * Plan numbers and dates are invented for the demo.
 */
import type { Audience } from '../../app/models/audience'

export type DemoPlan = {
  year: number
  reference: string
  referenceDate: string
  targetPct: number
  requirements: { courseId: string; audience: Audience; dueDate: string }[]
}

const LEADERS = ['Giám đốc', 'Phó Giám đốc', 'Chánh Văn phòng', 'Phó Chánh Văn phòng', 'Chánh Thanh tra', 'Phó Chánh Thanh tra', 'Trưởng phòng', 'Phó Trưởng phòng', 'Chi cục trưởng', 'Phó Chi cục trưởng', 'Giám đốc Chi nhánh', 'Phó Giám đốc Chi nhánh']

export const DEMO_PLANS: DemoPlan[] = [
  {
    year: 2024,
    reference: '18/KH-STNMT',
    referenceDate: '2024-01-25',
    targetPct: 100,
    requirements: [
      { courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '2024-10-31' },
      { courseId: 'an-toan-thong-tin', audience: { all: true }, dueDate: '2024-11-30' },
      { courseId: 'tthc-dat-dai-moi-truong', audience: { unitIds: ['u-vpdkdd', 'u-qldd'] }, dueDate: '2024-09-30' },
      { courseId: 'du-lieu-quan-trac', audience: { unitIds: ['u-ttqt', 'u-ccbvmt'] }, dueDate: '2024-12-15' },
      { courseId: 'van-ban-dien-tu-chu-ky-so', audience: { positions: LEADERS }, dueDate: '2024-08-31' },
    ],
  },
  {
    year: 2025,
    reference: '35/KH-SNNMT',
    referenceDate: '2025-03-20',
    targetPct: 100,
    requirements: [
      { courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '2025-10-31' },
      { courseId: 'an-toan-thong-tin', audience: { all: true }, dueDate: '2025-11-30' },
      { courseId: 'bao-ve-du-lieu-ca-nhan', audience: { staffTypes: ['cong_chuc'] }, dueDate: '2025-12-15' },
      { courseId: 'phan-tich-du-lieu-bang-tinh', audience: { unitIds: ['u-khtc', 'u-ttqt'] }, dueDate: '2025-12-15' },
    ],
  },
  {
    year: 2026,
    reference: '12/KH-SNNMT',
    referenceDate: '2026-01-20',
    targetPct: 100,
    requirements: [
      { courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '2026-06-30' },
      { courseId: 'an-toan-thong-tin', audience: { all: true }, dueDate: '2026-09-30' },
      { courseId: 'tthc-dat-dai-moi-truong', audience: { unitIds: ['u-vpdkdd', 'u-qldd-2026'] }, dueDate: '2026-12-15' },
      { courseId: 'phan-tich-du-lieu-bang-tinh', audience: { unitIds: ['u-qldd-2026', 'u-ddbdvt', 'u-ttqt'] }, dueDate: '2026-12-15' },
      { courseId: 'bao-ve-du-lieu-ca-nhan', audience: { positions: LEADERS }, dueDate: '2026-11-30' },
    ],
  },
]
