/** Domain enumerations, free of any database import so that browser code may use them too. */
export const UNIT_KINDS = [
  'so',
  'van_phong',
  'thanh_tra',
  'phong',
  'chi_cuc',
  'trung_tam',
  'chi_nhanh',
  'khac',
] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const LINEAGE_EVENT_TYPES = ['create', 'rename', 'move', 'merge', 'split', 'dissolve'] as const
export type LineageEventType = (typeof LINEAGE_EVENT_TYPES)[number]

export const STAFF_TYPES = ['cong_chuc', 'vien_chuc', 'nguoi_lao_dong'] as const
export type StaffType = (typeof STAFF_TYPES)[number]

export const ROLES = ['learner', 'unit_head', 'hr', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const SEXES = ['nam', 'nu'] as const
export type Sex = (typeof SEXES)[number]

export const TRAINING_MODES = ['truc_tuyen', 'tap_trung', 'ket_hop'] as const
export type TrainingMode = (typeof TRAINING_MODES)[number]
