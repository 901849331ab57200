/** The shapes of course files (docs/content-format.md), checked with zod when content is loaded. */
import { z } from 'zod'

export const COURSE_CATEGORIES = [
  'ky-nang-so',
  'an-toan-thong-tin',
  'thu-tuc-hanh-chinh',
  'van-ban-dien-tu',
  'phan-tich-du-lieu',
  'du-lieu-moi-truong',
  'du-lieu-ca-nhan',
] as const
export type CourseCategory = (typeof COURSE_CATEGORIES)[number]

export const REPORT_ROWS = ['chuyen_doi_so', 'an_toan_thong_tin', 'vi_tri_viec_lam', 'tin_hoc', 'cap_nhat_kien_thuc'] as const
export type ReportRow = (typeof REPORT_ROWS)[number]

export const CourseFrontmatter = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,40}$/, 'id: 3–40 characters of a–z, 0–9 and -'),
  title: z.string().trim().min(5).max(200),
  summary: z.string().trim().min(10).max(400),
  category: z.enum(COURSE_CATEGORIES),
  durationTiet: z.number().int().min(1).max(60),
  skillStrand: z.string().trim().min(3).max(300),
  reportRow: z.enum(REPORT_ROWS),
  yearly: z.boolean(),
  audience: z.string().trim().min(3).max(300),
  objectives: z.array(z.string().trim().min(5).max(400)).min(2).max(8),
  status: z.enum(['published', 'draft']),
})
export type CourseFrontmatter = z.infer<typeof CourseFrontmatter>

export const LessonFrontmatter = z.strictObject({
  title: z.string().trim().min(3).max(200),
  minutes: z.number().int().min(1).max(240),
  summary: z.string().trim().max(400).optional(),
})
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>

const Id = z.string().regex(/^[a-z0-9_-]{1,20}$/, 'ids: 1–20 characters of a–z, 0–9, _ and -')
const Option = z.strictObject({ id: Id, text: z.string().trim().min(1).max(500) })
const Base = { id: Id, prompt: z.string().trim().min(5).max(1500), explanation: z.string().trim().min(5).max(2000) }

function uniqueIds(list: { id: string }[]): boolean {
  return new Set(list.map((o) => o.id)).size === list.length
}

export const QuizQuestion = z.discriminatedUnion('type', [
  z
    .strictObject({ ...Base, type: z.literal('single'), options: z.array(Option).min(3).max(6), correct: Id })
    .refine((q) => uniqueIds(q.options), 'option ids must be unique')
    .refine((q) => q.options.some((o) => o.id === q.correct), '`correct` must name one of the options'),
  z
    .strictObject({ ...Base, type: z.literal('multiple'), options: z.array(Option).min(4).max(6), correct: z.array(Id).min(1) })
    .refine((q) => uniqueIds(q.options), 'option ids must be unique')
    .refine((q) => q.correct.every((c) => q.options.some((o) => o.id === c)), 'every `correct` id must name an option')
    .refine((q) => new Set(q.correct).size === q.correct.length, '`correct` must not repeat an id'),
  z.strictObject({ ...Base, type: z.literal('truefalse'), correct: z.boolean() }),
  z.strictObject({
    ...Base,
    type: z.literal('numeric'),
    answer: z.number().finite(),
    tolerance: z.number().min(0),
    unit: z.string().max(20).optional(),
  }),
  z.strictObject({ ...Base, type: z.literal('text'), accept: z.array(z.string().trim().min(1).max(200)).min(1) }),
  z
    .strictObject({ ...Base, type: z.literal('ordering'), items: z.array(Option).min(3).max(6) })
    .refine((q) => uniqueIds(q.items), 'item ids must be unique'),
])
export type QuizQuestion = z.infer<typeof QuizQuestion>

export const QuizFile = z
  .strictObject({
    settings: z.strictObject({
      questionsPerAttempt: z.number().int().min(1).max(100),
      passMark: z.number().min(0).max(100),
      attemptsAllowed: z.number().int().min(0).max(100),
      grading: z.enum(['highest', 'latest']),
      timeLimitMinutes: z.number().int().min(1).max(600).optional(),
      review: z.enum(['score', 'wrong', 'full']),
    }),
    questions: z.array(QuizQuestion).min(1),
  })
  .refine((quiz) => uniqueIds(quiz.questions), { message: 'question ids must be unique', path: ['questions'] })
  .refine((quiz) => quiz.questions.length >= Math.ceil(quiz.settings.questionsPerAttempt * 1.5), {
    message: 'the bank must hold at least 1,5 × questionsPerAttempt questions',
    path: ['questions'],
  })
export type QuizFile = z.infer<typeof QuizFile>
