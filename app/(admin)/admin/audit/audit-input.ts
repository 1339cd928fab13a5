// The audit page's input from the address (?action=&person=&page=), shared by the page's
// prefetch and the view.
import { AUDIT_ACTIONS, type TAuditAction } from "~/server/people/schema";

const isAction = (v: string | null | undefined): v is TAuditAction => !!v && (AUDIT_ACTIONS as readonly string[]).includes(v);
const isId = (v: string | null | undefined): v is string => !!v && /^[a-z0-9]{20,40}$/.test(v);

export function auditInput(params: { action?: string | null; person?: string | null; page?: string | null }) {
  const page = Number(params.page);
  return {
    action: isAction(params.action) ? params.action : null,
    personId: isId(params.person) ? params.person : null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
