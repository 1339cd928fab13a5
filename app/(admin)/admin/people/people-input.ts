// The people list's input from the address (?q=&page=), shared by the page's prefetch and the
// view, so that the server's query is exactly the one the view asks for.
export function peopleInput(params: { q?: string | null; page?: string | null }) {
  const page = Number(params.page);
  return { q: (params.q ?? "").trim().slice(0, 100), page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1 };
}
