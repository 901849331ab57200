/** Where the build is (HOCSO_BUILD_DIR, default ./build), without loading the build tools. */
import path from 'node:path'

const buildDir = path.resolve(process.cwd(), process.env.HOCSO_BUILD_DIR ?? 'build')
export const SERVER_BUILD = path.join(buildDir, 'server/index.js')
export const CLIENT_DIR = path.join(buildDir, 'client')
/** server/start.ts compiled to plain JavaScript: what `npm start` serves with, without tsx in the process. */
export const SERVER_ENTRY = path.join(buildDir, 'server/start.mjs')
