/**
 * The issuing agency as printed on certificates, in one place. Since 01/7/2025 the department is the Sở Nông
 * nghiệp và Môi trường of the new tỉnh Vĩnh Long (see product.md); change it here when the organisation changes.
 * Pure: used by server and browser code.
 */
export const ORGANISATION = {
  /** Cơ quan chủ quản, printed above the agency name (Nghị định 30/2020, Phụ lục I). */
  superior: 'UBND TỈNH VĨNH LONG',
  name: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH VĨNH LONG',
  /** The agency's abbreviation in the số ký hiệu of its documents: "Số: …/BC-SNNMT". */
  abbreviation: 'SNNMT',
  /** Địa danh of the date line: "Vĩnh Long, ngày … tháng … năm …". */
  place: 'Vĩnh Long',
  /** Who signs a certificate. */
  signerTitle: 'GIÁM ĐỐC',
} as const
