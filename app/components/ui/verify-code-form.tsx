import { Form } from '@remix-run/react'
import { useT } from '~/i18n/use-t'
import { Field } from './field'

/** The public "type a code" form: a GET to /verify, which checks the code and sends the visitor on to it. */
export function VerifyCodeForm({ defaultValue = '', error }: { defaultValue?: string; error?: string | null }) {
  const t = useT()
  return (
    <Form method="get" action="/verify" className="inline-form verify-form">
      <Field
        id="code"
        name="code"
        label={t('verify.code')}
        hint={t('verify.codeHint')}
        defaultValue={defaultValue}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        error={error}
      />
      <button type="submit" className="button">
        {t('verify.submit')}
      </button>
    </Form>
  )
}
