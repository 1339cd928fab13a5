"use client";
// Admins find a person by name or email (the search runs on the server, a page at a time);
// the search and the page live in the address, so Back and a shared link show the same list.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button, PagedList, PageHead } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import { peopleInput } from "./people-input";
import { StateBadge } from "./state-badge";

export function PeopleView() {
  const t = useTranslations("people");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const input = peopleInput({ q: params.get("q"), page: params.get("page") });
  const [q, setQ] = useState(input.q);
  const list = useQuery(trpc.people.list.queryOptions(input));
  const go = (next: { q: string; page: number }) => {
    const sp = new URLSearchParams();
    if (next.q) sp.set("q", next.q);
    if (next.page > 1) sp.set("page", String(next.page));
    router.replace(sp.size ? `${pathname}?${sp}` : pathname, { scroll: false });
  };

  return (
    <div className="page">
      <PageHead title={t("title")} lead={t("lead")} />
      <form
        role="search"
        className="people-search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim(), page: 1 });
        }}
      >
        <div className="field">
          <label htmlFor="people-q">{t("search")}</label>
          <input id="people-q" type="search" value={q} maxLength={100} autoComplete="off" onChange={(e) => setQ(e.target.value)} />
        </div>
        <Button type="submit">{t("searchButton")}</Button>
      </form>
      <PagedList query={list} empty={t("empty")} onPage={(page) => go({ ...input, page })}>
        {(data) => (
          <>
            <p className="small muted" role="status">
              {t("results", { count: data.total })}
            </p>
            <ul className="people-list" data-testid="people">
              {data.items.map((p) => (
                <li key={p.id} className="card people-row" data-testid="person" data-name={p.name}>
                  <div className="people-main">
                    <Link href={`/admin/people/${p.id}`} className="strong">
                      {p.name}
                    </Link>
                    <span className="muted small wrap-anywhere">{p.email}</span>
                  </div>
                  <div className="people-meta">
                    <StateBadge state={p.state} />
                    {p.roles.length ? p.roles.map((r) => <span key={r} className="badge">{t(`role.${r}`)}</span>) : <span className="small muted">{t("noRoles")}</span>}
                    <span className="small muted">{t("joined", { date: format.dateTime(p.createdAt, { dateStyle: "medium" }) })}</span>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </PagedList>
    </div>
  );
}
