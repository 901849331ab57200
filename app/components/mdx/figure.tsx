import { z } from 'zod'
import { useLessonContext } from './lesson-context'
import { parseProps } from './shared'

const FigureProps = z.strictObject({
  src: z
    .string()
    .trim()
    .min(1, 'src must name a file in the course’s assets/ folder')
    .refine((src) => !/^[a-z][a-z0-9+.-]*:|^\/|\\|(^|\/)\.\.(\/|$)/i.test(src), {
      message: 'src must be a file name inside the course’s assets/ folder (no URL, no absolute path, no "..")',
    }),
  alt: z.string({ error: 'alt is required: describe what the image shows' }).trim().min(1, 'alt must describe what the image shows'),
  caption: z.string().trim().min(1, 'caption, when given, must not be empty').optional(),
})

/** An image from the course's assets/ folder, with its caption. */
export function Figure(props: { src: string; alt: string; caption?: string }) {
  const { src, alt, caption } = parseProps('Figure', FigureProps, props)
  const url = useLessonContext().assetUrl(src)
  if (url === null) throw new Error(`<Figure>: the file "${src}" is not in the course's assets/ folder`)
  return (
    <figure className="lesson-figure">
      <img src={url} alt={alt} loading="lazy" decoding="async" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  )
}
