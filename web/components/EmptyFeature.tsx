import { PageTitle } from "./ui";

/** An honest placeholder for a screen whose feature is not built yet. */
export function EmptyFeature({ title, heading, body }: { title: string; heading: string; body: string }) {
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <section className="empty card" aria-labelledby="empty-heading">
        <h2 id="empty-heading">{heading}</h2>
        <p>{body}</p>
      </section>
    </>
  );
}
