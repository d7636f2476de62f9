/**
 * The error for an argument the client refuses before sending anything: a
 * missing or malformed parameter, body field or per-call header. `field` names
 * it as the caller wrote it (`id`, `body.institution_id`, `headers.X-Name`).
 * The generated methods throw it through the helpers in this folder, and the
 * package exports this same class.
 */
export class RequiredError extends Error {
  override name = 'RequiredError' as const;

  constructor(
    public field: string,
    msg?: string,
  ) {
    super(msg);
  }
}
