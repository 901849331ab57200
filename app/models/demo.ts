/** The demo accounts' shared password (contract.md). Only meaningful when the database holds demo data. */
export const DEMO_PASSWORD = 'HocSo@2026'
