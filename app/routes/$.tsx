/** Every unknown URL: a 404 page in the app's style. */
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}
