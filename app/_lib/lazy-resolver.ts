// A react-hook-form resolver whose schema loads on the form's first validation (its first
// submit), not with the page: zod and the server's input schema stay out of the page's
// JavaScript until someone sends the form. A failed load (offline) is tried again next time.
import type { FieldValues, Resolver } from "react-hook-form";

export function lazyResolver<TIn extends FieldValues, TContext = unknown, TOut = TIn>(load: () => Promise<Resolver<TIn, TContext, TOut>>): Resolver<TIn, TContext, TOut> {
  let loading: Promise<Resolver<TIn, TContext, TOut>> | null = null;
  return async (values, context, options) => {
    loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return (await loading)(values, context, options);
  };
}
