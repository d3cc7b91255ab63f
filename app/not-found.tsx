import Link from 'next/link';

export default function NotFound() {
  return (
    <section aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link href="/">Go to the console’s start page</Link>
      </p>
    </section>
  );
}
