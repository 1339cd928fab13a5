// notFound() from a page of this group: the missing-page view inside the app shell.
import { NotFoundView } from "../_components/not-found-view";

export default function NotFound() {
  return <NotFoundView isSignedIn />;
}
