"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CsvImportCard } from "../../_components/csv-import";
import { useToast } from "../../_components/toast";
import { Button, Card, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../_components/ui";
import { errorData, useErrorMessage, useValidationText } from "../../_lib/errors";
import { parseMoney, useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import type { TMyShop } from "./merchant-view";
import { PhotoField } from "./photo-field";

type TProduct = RouterOutputs["shops"]["manage"]["listProducts"][number];
const UNITS = ["piece", "kg", "pack"] as const;

export function CatalogueTab({ shop }: { shop: TMyShop }) {
  const t = useTranslations("catalogue");
  const trpc = useTRPC();
  const products = useQuery(trpc.shops.manage.listProducts.queryOptions({ shopId: shop.id }));
  return (
    <>
      <div className="grid-2">
        <AddProduct shopId={shop.id} />
        <ImportCatalogue shopId={shop.id} />
      </div>
      <Card title={t("title", { count: products.data?.length ?? 0 })}>
        {products.isPending ? (
          <Loading />
        ) : products.isError ? (
          <LoadError onRetry={() => void products.refetch()} />
        ) : products.data.length === 0 ? (
          <Empty title={t("empty")}>{t("emptyHint")}</Empty>
        ) : (
          <ul className="list" data-testid="catalogue">
            {products.data.map((p) => (
              <ProductRow key={p.id} product={p} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function ProductRow({ product: p }: { product: TProduct }) {
  const t = useTranslations("catalogue");
  const tu = useTranslations("productUnit");
  const trpc = useTRPC();
  const money = useMoney();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [price, setPrice] = useState((p.price / 100).toFixed(2).replace(".", ","));
  const [stock, setStock] = useState(p.stock === null ? "" : String(p.stock));
  const [error, setError] = useState<string | null>(null);
  // Follow changes made elsewhere (orders taking stock, another tab) into the inputs.
  useEffect(() => setPrice((p.price / 100).toFixed(2).replace(".", ",")), [p.price]);
  useEffect(() => setStock(p.stock === null ? "" : String(p.stock)), [p.stock]);
  const patch = useMutation(
    trpc.shops.manage.updateProduct.mutationOptions({
      onSuccess: (x) => {
        setPrice((x.price / 100).toFixed(2).replace(".", ","));
        setStock(x.stock === null ? "" : String(x.stock));
        toast.show(t("saved", { name: x.name }));
      },
      onError: (e) => setError(toMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.shops.manage.listProducts.queryKey({ shopId: p.shopId }) }),
    }),
  );
  const savePrice = () => {
    setError(null);
    const cents = parseMoney(price);
    if (cents === null || cents < 1) return setError(t("priceInvalid"));
    if (cents !== p.price) patch.mutate({ id: p.id, price: cents });
  };
  const saveStock = () => {
    setError(null);
    const v = stock.trim() === "" ? null : /^\d+$/.test(stock.trim()) ? Number(stock.trim()) : NaN;
    if (Number.isNaN(v)) return setError(t("stockInvalid"));
    if (v !== p.stock) patch.mutate({ id: p.id, stock: v });
  };
  const onEnter = (fn: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      fn();
    }
  };
  return (
    <li className={`list-row product-row ${p.isActive ? "" : "is-inactive"}`} data-testid="catalogue-row" data-name={p.name}>
      {p.photoUrl ? <img src={p.photoUrl} alt="" className="photo-thumb" /> : <div className="photo-thumb placeholder" aria-hidden="true" />}
      <span className="grow">
        <span className="strong">{p.name}</span>
        {!p.isActive && <span className="badge badge-off">{t("notOnSale")}</span>}
        <span className="muted small block">
          {p.category || "—"} · {tu(p.unit)} · {money(p.price)}
        </span>
        {error && <span className="field-error block" role="alert">{error}</span>}
      </span>
      <span className="inline-edit">
        <label>
          <span className="small muted">{t("price")}</span>
          <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} onBlur={savePrice} onKeyDown={onEnter(savePrice)} aria-label={t("priceOf", { name: p.name })} />
        </label>
        <label>
          <span className="small muted">{t("stock")}</span>
          <input inputMode="numeric" value={stock} placeholder="∞" onChange={(e) => setStock(e.target.value)} onBlur={saveStock} onKeyDown={onEnter(saveStock)} aria-label={t("stockOf", { name: p.name })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={p.isActive} onChange={(e) => patch.mutate({ id: p.id, isActive: e.target.checked })} /> {t("active")}
        </label>
      </span>
    </li>
  );
}

function AddProduct({ shopId }: { shopId: string }) {
  const t = useTranslations("catalogue");
  const tu = useTranslations("productUnit");
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const vt = useValidationText();
  const queryClient = useQueryClient();
  const empty = { name: "", price: "", unit: "piece", stock: "", category: "", description: "" };
  const [v, setV] = useState(empty);
  const [photoId, setPhotoId] = useState<string | null>(null);
  const [photoKey, setPhotoKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.shops.manage.createProduct.mutationOptions());
  const set = (k: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV((x) => ({ ...x, [k]: e.target.value }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const price = parseMoney(v.price);
    const local: Record<string, string> = {};
    if (price === null || price < 1) local.price = t("priceInvalid");
    if (v.stock.trim() && !/^\d+$/.test(v.stock.trim())) local.stock = t("stockInvalid");
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      const p = await create.mutateAsync({ shopId, name: v.name, price: price!, unit: v.unit as (typeof UNITS)[number], stock: v.stock.trim() ? Number(v.stock) : null, category: v.category, description: v.description, photoId, isActive: true });
      toast.show(t("added", { name: p.name }));
      setV(empty);
      setPhotoId(null);
      setPhotoKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: trpc.shops.manage.listProducts.queryKey({ shopId }) });
    } catch (err) {
      const fields = errorData(err)?.zodError?.fieldErrors;
      if (fields && Object.keys(fields).length) setErrors(Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, vt(m?.[0]) ?? ""])));
      else if (errorData(err)?.appCode === "NAME_TAKEN") setErrors({ name: toMessage(err) });
      else setFormError(toMessage(err));
    }
  };

  return (
    <Card title={t("addTitle")}>
      <form onSubmit={submit} noValidate data-testid="add-product">
        <Field label={t("name")} value={v.name} onChange={set("name")} error={errors.name} maxLength={80} />
        <div className="grid-2 tight">
          <Field label={t("price")} inputMode="decimal" value={v.price} onChange={set("price")} error={errors.price} placeholder="2,50" />
          <SelectField label={t("unit")} value={v.unit} onChange={set("unit")}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {tu(u)}
              </option>
            ))}
          </SelectField>
          <Field label={t("stock")} inputMode="numeric" value={v.stock} onChange={set("stock")} error={errors.stock} hint={t("stockHint")} />
          <Field label={t("category")} isOptional value={v.category} onChange={set("category")} error={errors.category} maxLength={40} />
        </div>
        <Field label={t("description")} isOptional value={v.description} onChange={set("description")} error={errors.description} maxLength={500} />
        <PhotoField key={photoKey} label={t("photo")} url={null} onUploaded={(x) => setPhotoId(x.id)} />
        <FormError message={formError} />
        <Button type="submit" isBusy={create.isPending}>
          {t("addButton")}
        </Button>
      </form>
    </Card>
  );
}

const TEMPLATE = "name,description,price_cents,unit,category,stock,active\nPommes Golden,Cat. I de Savoie,350,kg,Fruits,40,true\n";

function ImportCatalogue({ shopId }: { shopId: string }) {
  const t = useTranslations("catalogue");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useMutation(trpc.shops.manage.importCatalogue.mutationOptions());
  return (
    <CsvImportCard
      id="catalogue-csv"
      title={t("importTitle")}
      hint={t("importHint")}
      template={{ fileName: "quartier-catalogue-template.csv", text: TEMPLATE }}
      run={(csv, dryRun) => run.mutateAsync({ shopId, csv, dryRun })}
      onImported={() => queryClient.invalidateQueries({ queryKey: trpc.shops.manage.listProducts.queryKey({ shopId }) })}
      texts={{
        ready: (count) => t("ready", { count }),
        imported: (count) => t("imported", { count }),
        importButton: (count) => t("importButton", { count }),
        duplicates: (names) => t("duplicates", { count: names.length, names: names.slice(0, 5).join(", ") }),
      }}
    />
  );
}
