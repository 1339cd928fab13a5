"use client";
// What admins did, newest first, a page at a time: by action, and by person (what they did
// or what was done to them). The filters live in the address.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Button, PagedList, PageHead, SelectField } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import { AUDIT_ACTIONS, type TAuditEntry } from "~/server/people/schema";
import { auditInput } from "./audit-input";

export function AuditView() {
  const t = useTranslations("audit");
  const tp = useTranslations("people");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const input = auditInput({ action: params.get("action"), person: params.get("person"), page: params.get("page") });
  const list = useQuery(trpc.people.history.queryOptions(input));
  const go = (next: typeof input) => {
    const sp = new URLSearchParams();
    if (next.action) sp.set("action", next.action);
    if (next.personId) sp.set("person", next.personId);
    if (next.page > 1) sp.set("page", String(next.page));
    router.replace(sp.size ? `${pathname}?${sp}` : pathname, { scroll: false });
  };
  const targetOf = (e: TAuditEntry) => {
    const name = e.targetName ?? t("gone");
    if (e.targetType === "user" && e.targetName) return <Link href={`/admin/people/${e.targetId}`}>{name}</Link>;
    return <span className="strong">{name}</span>;
  };

  return (
    <div className="page">
      <PageHead title={t("title")} lead={t("lead")} />
      <div className="audit-filters">
        <SelectField label={t("action")} value={input.action ?? ""} onChange={(e) => go({ ...input, action: (e.target.value || null) as typeof input.action, page: 1 })}>
          <option value="">{t("allActions")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`)}
            </option>
          ))}
        </SelectField>
        {input.personId && (
          <p className="row audit-person">
            <span className="badge">{t("person", { name: list.data?.person?.name ?? "…" })}</span>
            <Button variant="ghost" onClick={() => go({ ...input, personId: null, page: 1 })}>
              {t("clearPerson")}
            </Button>
          </p>
        )}
      </div>
      <PagedList query={list} empty={t("empty")} onPage={(page) => go({ ...input, page })}>
        {(data) => (
          <>
            <ol className="audit-list" data-testid="audit">
              {data.items.map((e) => (
                <li key={e.id} className="card audit-entry" data-testid="audit-entry" data-action={e.action}>
                  <div className="row-between">
                    <span className="badge">{t(`actions.${e.action}`)}</span>
                    <time className="small muted" dateTime={e.createdAt.toISOString()}>
                      {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </div>
                  <p className="wrap-anywhere">
                    {t.rich(`sentence.${e.action}`, {
                      actor: () => (e.actor ? <Link href={`/admin/people/${e.actor.id}`}>{e.actor.name}</Link> : <span>{t("system")}</span>),
                      target: () => targetOf(e),
                      role: () => <span className="strong">{e.role && tp.has(`role.${e.role}`) ? tp(`role.${e.role}`) : (e.role ?? "")}</span>,
                    })}
                  </p>
                  {e.reason && <p className="small muted wrap-anywhere">{t("reason", { reason: e.reason })}</p>}
                </li>
              ))}
            </ol>
          </>
        )}
      </PagedList>
    </div>
  );
}
